import { ChannelType } from 'discord.js';
import { pino } from 'pino';
import { startDiscord } from '../../../adapters/discord/client.js';
import { fixedChannelPolicy } from '../../../src/channels/channelPolicy.js';
import { DEFAULT_UNPROMPTED_CONFIDENCE } from '../../../src/channels/channelSettings.js';
import { FakeDiscord } from '../../support/fakeDiscord.js';
import { startTestCore } from '../../support/testCore.js';
import type { QaChannelDriver, QaThread } from '../channelContract.js';
import { read } from './discordDriver.js';

const APPLICATION_ID = '210000000000000042';
const GUILD_ID = '210000000000000043';
const TOKEN = 'MjEwMDAwMDAwMDAwMDAwMDQy.GxYz12.contractChannelTokenPart_0123456789';
const FORUM = '210000000000000070';
const ELSEWHERE = '210000000000000072';

/**
 * Discord: posts in a Q&A forum (with the Message Content intent) to the real discord.js client; answers read from
 * the thread's messages. Silence is known once a later mention elsewhere has been answered and the client is idle.
 */
export const discordChannelDriver: QaChannelDriver = {
  name: 'Discord',
  loudMentions: '@everyone @here <@210000000000000005> <@&210000000000000077>',
  async start() {
    const fake = await FakeDiscord.start({
      token: TOKEN,
      applicationId: APPLICATION_ID,
      guildId: GUILD_ID,
      channels: [
        { id: FORUM, type: ChannelType.GuildForum, name: 'help' },
        { id: ELSEWHERE, type: ChannelType.GuildText, name: 'random' },
      ],
    });
    const core = await startTestCore({ publicUrl: 'https://answers.example.org' });
    const handle = await startDiscord({
      config: {
        token: TOKEN,
        applicationId: APPLICATION_ID,
        guildId: GUILD_ID,
        apiUrl: fake.apiUrl,
        messageContent: true,
      },
      service: core.service,
      channels: fixedChannelPolicy({
        slack: new Map(),
        discord: new Map([[FORUM, { mode: 'all-questions', minConfidence: DEFAULT_UNPROMPTED_CONFIDENCE }]]),
      }),
      logger: pino({ level: 'silent' }),
    });
    const settle = async () => {
      const before = fake.postsIn(ELSEWHERE).length;
      fake.userMessage(ELSEWHERE, 'what does a DevOps developer do', { mentionBot: true });
      await fake.waitUntil(() => (fake.postsIn(ELSEWHERE).length > before ? true : undefined));
      await handle.idle();
    };
    const thread = (id: string): QaThread => ({
      id,
      answers: fake.postsIn(id).map((p) =>
        read(
          { interactionId: p.message.id, kind: 'followup', data: p.body, afterMs: 0 },
          fake.rejections.map((r) => r.problems.join('; ')),
        ),
      ),
    });
    return {
      core,
      async post(text) {
        const { threadId } = fake.forumPost(FORUM, text.slice(0, 100), text);
        await settle();
        return thread(threadId);
      },
      async reply(t, text) {
        fake.userMessage(t.id, text);
        await settle();
        return thread(t.id);
      },
      async close() {
        await handle.stop();
        await fake.close();
        await core.close();
      },
    };
  },
};
