import { fixedChannelPolicy } from '../../../src/channels/channelPolicy.js';
import { DEFAULT_UNPROMPTED_CONFIDENCE } from '../../../src/channels/channelSettings.js';
import { eventCallbackBody } from '../../support/fakeSlack.js';
import type { SentMessage } from '../../slack/readMessage.js';
import { ACTOR, startSlackHarness } from '../../slack/slackHarness.js';
import type { QaChannelDriver, QaThread } from '../channelContract.js';
import { read } from './slackDriver.js';

const QA = 'C0ASKBACKEND';

/** Slack: message events for a channel in the Q&A list, into real Bolt over HTTP; answers read from chat.postMessage. */
export const slackChannelDriver: QaChannelDriver = {
  name: 'Slack',
  loudMentions: '@everyone <!channel> <!here> <@U0BOSS>',
  async start() {
    const h = await startSlackHarness({
      channels: fixedChannelPolicy({
        slack: new Map([[QA, { mode: 'all-questions', minConfidence: DEFAULT_UNPROMPTED_CONFIDENCE }]]),
        discord: new Map(),
      }),
    });
    let clock = 1_700_200_000;
    const say = async (text: string, threadTs?: string): Promise<string> => {
      const ts = `${++clock}.000300`;
      h.fake.remember(QA, { ts, text, user: ACTOR.userId, ...(threadTs ? { thread_ts: threadTs } : {}) });
      const event = {
        type: 'message',
        channel: QA,
        channel_type: 'channel',
        user: ACTOR.userId,
        text,
        ts,
        event_ts: ts,
      };
      const res = await h.post(eventCallbackBody(ACTOR.teamId, threadTs ? { ...event, thread_ts: threadTs } : event));
      if (res.status !== 200) throw new Error(`Slack refused the event: ${res.status}`);
      await h.idle();
      return threadTs ?? ts;
    };
    const thread = (id: string): QaThread => ({
      id,
      answers: h.fake
        .calls('chat.postMessage')
        .filter((c) => c.args.channel === QA && c.args.thread_ts === id)
        .map((c) => read(c.args as SentMessage)),
    });
    return {
      core: h.core,
      post: async (text) => thread(await say(text)),
      reply: async (t, text) => thread(await say(text, t.id)),
      close: () => h.close(),
    };
  },
};
