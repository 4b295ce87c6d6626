/**
 * Q&A forums, Q&A text channels, mentions and thread follow-ups on the REAL discord.js client against the Discord
 * stand-in. Silence is checked after a later message has been answered and the client is idle, so nothing is
 * still on its way.
 */
import { ChannelType, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDiscord, type DiscordHandle } from '../../adapters/discord/client.js';
import { BUTTON_LABELS } from '../../adapters/discord/embeds.js';
import { fixedChannelPolicy } from '../../src/channels/channelPolicy.js';
import { DEFAULT_UNPROMPTED_CONFIDENCE } from '../../src/channels/channelSettings.js';
import { createLogger } from '../../src/log.js';
import { sourceSection } from '../support/corpusOracle.js';
import { FakeDiscord, type ChannelPost } from '../support/fakeDiscord.js';
import { startTestCore, type TestCore } from '../support/testCore.js';
import { unrenderQuote } from './readEmbed.js';

const APPLICATION_ID = '210000000000000042';
const GUILD_ID = '210000000000000043';
const TOKEN = 'MjEwMDAwMDAwMDAwMDAwMDQy.GxYz12.fAkEsEcReTpArToFtHeToKeN_channels0000';
const FORUM = '210000000000000070';
const QA_TEXT = '210000000000000071';
const ELSEWHERE = '210000000000000072';
const DEVOPS_QUESTION = 'What does a DevOps developer do?';
const NOT_IN_DOCS = 'what is the best pizza topping in Naples?';
const devops = sourceSection('DevOps Developer');
const PYTHON_QUESTION = 'What is Python used for in backend development?';
const pythonDjango = sourceSection('Python and Django');

interface Body {
  embeds?: { description?: string; author?: { name: string } }[];
  components?: { components: { label: string }[] }[];
  allowed_mentions?: { parse?: string[]; replied_user?: boolean };
  message_reference?: { message_id: string };
  flags?: number;
}
const bodyOf = (post: ChannelPost) => post.body as Body;
const quoteOf = (post: ChannelPost) => unrenderQuote(bodyOf(post).embeds![0]!.description!);
const labels = (post: ChannelPost) =>
  (bodyOf(post).components ?? []).flatMap((row) => row.components.map((b) => b.label));

const policy = fixedChannelPolicy({
  slack: new Map(),
  discord: new Map([
    [FORUM, { mode: 'all-questions', minConfidence: DEFAULT_UNPROMPTED_CONFIDENCE }],
    [QA_TEXT, { mode: 'all-questions', minConfidence: DEFAULT_UNPROMPTED_CONFIDENCE }],
  ]),
});

interface Bot {
  fake: FakeDiscord;
  core: TestCore;
  handle: DiscordHandle;
  close(): Promise<void>;
}

async function startBot(messageContent: boolean): Promise<Bot> {
  const fake = await FakeDiscord.start({
    token: TOKEN,
    applicationId: APPLICATION_ID,
    guildId: GUILD_ID,
    channels: [
      { id: FORUM, type: ChannelType.GuildForum, name: 'help' },
      { id: QA_TEXT, type: ChannelType.GuildText, name: 'ask-backend' },
      { id: ELSEWHERE, type: ChannelType.GuildText, name: 'random' },
    ],
  });
  const core = await startTestCore({ publicUrl: 'https://answers.example.org' });
  const handle = await startDiscord({
    config: { token: TOKEN, applicationId: APPLICATION_ID, guildId: GUILD_ID, apiUrl: fake.apiUrl, messageContent },
    service: core.service,
    channels: policy,
    logger: createLogger({ level: 'silent', pretty: false }),
  });
  // The guild (and its forum) must be known to the client before posts arrive, as after a real login.
  return {
    fake,
    core,
    handle,
    async close() {
      await handle.stop();
      await fake.close();
      await core.close();
    },
  };
}

/** Waits for the bot's first post in `channelId`. */
const firstPost = (bot: Bot, channelId: string) => bot.fake.waitUntil(() => bot.fake.postsIn(channelId)[0]);

/** A mention in #random that the bot answers: once answered, every earlier message has been received. */
async function flush(bot: Bot): Promise<void> {
  const before = bot.fake.postsIn(ELSEWHERE).length;
  bot.fake.userMessage(ELSEWHERE, DEVOPS_QUESTION, { mentionBot: true });
  await bot.fake.waitUntil(() => (bot.fake.postsIn(ELSEWHERE).length > before ? true : undefined));
  await bot.handle.idle();
}

describe('Discord with the Message Content intent on', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot(true);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('asks for Guilds, GuildMessages and MessageContent, nothing more', () => {
    expect(bot.fake.identifies.at(-1)!.intents).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent,
    );
  });

  it('answers a new forum post as the first reply in its thread, from the title and the starter message', async () => {
    // The title alone is too vague to answer (the test without Message Content shows it); the starter message asks.
    const { threadId } = bot.fake.forumPost(FORUM, 'Quick one for the team', DEVOPS_QUESTION);
    const reply = await firstPost(bot, threadId);
    expect(devops.paragraph).toContain(quoteOf(reply));
    expect(bodyOf(reply).allowed_mentions).toEqual({ parse: [] });
    expect(bodyOf(reply).flags ?? 0).toBe(0);
    expect(labels(reply)).toEqual([BUTTON_LABELS.helpful, BUTTON_LABELS.notHelpful]);
    expect(bot.fake.rejections).toEqual([]);
  });

  it('answers a question in a Q&A text channel as a reply to it, pinging nobody', async () => {
    const question = bot.fake.userMessage(QA_TEXT, DEVOPS_QUESTION);
    const reply = await firstPost(bot, QA_TEXT);
    expect(bodyOf(reply).message_reference?.message_id).toBe(question.id);
    expect(bodyOf(reply).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(devops.paragraph).toContain(quoteOf(reply));
  });

  it('answers a mention in any other channel, and leaves its other messages alone', async () => {
    bot.fake.userMessage(ELSEWHERE, 'what does a DevOps developer do?');
    await flush(bot);
    const posts = bot.fake.postsIn(ELSEWHERE);
    expect(posts.every((p) => bodyOf(p).message_reference !== undefined)).toBe(true);
    const answered = posts.map((p) => bodyOf(p).message_reference!.message_id);
    const messages = bot.fake.messagesIn(ELSEWHERE).filter((m) => !m.author.bot);
    expect(answered).toEqual(messages.filter((m) => m.content.includes(`<@${APPLICATION_ID}>`)).map((m) => m.id));
  });

  it('stays silent on non-questions, on other bots, and when the docs do not answer (recording those)', async () => {
    const before = bot.fake.postsIn(QA_TEXT).length;
    bot.fake.userMessage(QA_TEXT, 'thanks, that fixed it!');
    bot.fake.userMessage(QA_TEXT, DEVOPS_QUESTION, {
      author: {
        id: '210000000000000099',
        username: 'otherbot',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
    });
    bot.fake.userMessage(QA_TEXT, NOT_IN_DOCS);
    const { threadId } = bot.fake.forumPost(FORUM, NOT_IN_DOCS, 'Asking for the team lunch.');
    await flush(bot);
    expect(bot.fake.postsIn(QA_TEXT).length).toBe(before);
    expect(bot.fake.postsIn(threadId)).toEqual([]);
    await vi.waitFor(async () =>
      expect((await bot.core.store.insights.report()).topDeclined.map((d) => d.question)).toContain(NOT_IN_DOCS),
    );
  });

  it('follows up in a forum thread it answered, reading a thin follow-up with the post’s question', async () => {
    const { threadId } = bot.fake.forumPost(FORUM, 'Python in the backend', PYTHON_QUESTION);
    await firstPost(bot, threadId);
    bot.fake.userMessage(threadId, 'which framework goes with it?');
    const followUp = await bot.fake.waitUntil(() => bot.fake.postsIn(threadId)[1]);
    expect(pythonDjango.paragraph).toContain(quoteOf(followUp));
    expect(quoteOf(followUp)).toContain('Django');
    expect(bodyOf(followUp).allowed_mentions).toEqual({ parse: [] });
    // Its own replies came back to it as messages, and it answered none of them.
    await flush(bot);
    expect(bot.fake.postsIn(threadId)).toHaveLength(2);
  });

  it('says in /backend help how it behaves in the channel it is asked in', async () => {
    const inChannel = (id: string) => {
      const command = bot.fake.slashCommand('help');
      return {
        ...command,
        channel_id: id,
        channel: { id, type: ChannelType.GuildText as const, guild_id: GUILD_ID, name: 'ask-backend' },
      };
    };
    const here = async (id: string) => {
      const reply = await bot.fake.interact(inChannel(id));
      const fields = (reply.data.embeds as { fields?: { name: string; value: string }[] }[])[0]!.fields ?? [];
      return fields.find((f) => f.name === 'In this channel')?.value ?? '';
    };
    expect(await here(QA_TEXT)).toMatch(/answer every question/);
    expect(await here(ELSEWHERE)).toMatch(/when you mention me/);
  });
});

describe('Discord without the Message Content intent', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot(false);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('asks for Guilds and GuildMessages only', () => {
    expect(bot.fake.identifies.at(-1)!.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
  });

  it('answers a forum post from its title alone', async () => {
    const { threadId } = bot.fake.forumPost(FORUM, DEVOPS_QUESTION, 'Body the bot cannot read.');
    const reply = await firstPost(bot, threadId);
    expect(devops.paragraph).toContain(quoteOf(reply));
  });

  it('cannot read a post whose question is only in the starter message, and stays silent', async () => {
    const { threadId } = bot.fake.forumPost(FORUM, 'Quick one for the team', DEVOPS_QUESTION);
    await flush(bot);
    expect(bot.fake.postsIn(threadId)).toEqual([]);
  });

  it('answers only mentions in a Q&A text channel', async () => {
    bot.fake.userMessage(QA_TEXT, DEVOPS_QUESTION);
    await flush(bot);
    expect(bot.fake.postsIn(QA_TEXT)).toEqual([]);
    const mention = bot.fake.userMessage(QA_TEXT, DEVOPS_QUESTION, { mentionBot: true });
    const reply = await firstPost(bot, QA_TEXT);
    expect(bodyOf(reply).message_reference?.message_id).toBe(mention.id);
    expect(bot.fake.rejections).toEqual([]);
  });
});

describe('Discord without Q&A channels', () => {
  it('asks for the Guilds intent only', async () => {
    const fake = await FakeDiscord.start({ token: TOKEN, applicationId: APPLICATION_ID, guildId: GUILD_ID });
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
      logger: createLogger({ level: 'silent', pretty: false }),
    });
    try {
      expect(fake.identifies.at(-1)!.intents).toBe(GatewayIntentBits.Guilds);
    } finally {
      await handle.stop();
      await fake.close();
      await core.close();
    }
  });
});
