import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId, SLASH_COMMAND } from '../../adapters/slack/ids.js';
import { eventCallback } from '../support/fakeSlack.js';
import { normalizeQuote, sourceSection } from '../support/corpusOracle.js';
import { buttons, citations, quotes } from './readMessage.js';
import { ACTOR, APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, startSlackHarness, type SlackHarness } from './slackHarness.js';

const devops = sourceSection('DevOps Developer');

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ socket: true });
});
afterAll(async () => {
  await h?.close();
});

describe('Socket Mode on real Bolt', () => {
  it('connects with the app-level token and is ready once Slack says hello', () => {
    expect(h.mode).toBe('socket');
    expect(h.fake.socketClients).toBe(1);
    expect(h.fake.calls('apps.connections.open')[0]?.token).toBe(APP_TOKEN);
  });

  it('answers a slash command inside the envelope acknowledgement', async () => {
    const ack = await h.fake.sendEnvelope({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'legacy-verification-token',
        team_id: ACTOR.teamId,
        channel_id: 'C0GENERAL',
        user_id: ACTOR.userId,
        user_name: ACTOR.userName,
        command: SLASH_COMMAND,
        text: 'what does a DevOps developer do',
        api_app_id: 'A0APP',
        response_url: h.fake.responseUrl(),
        trigger_id: '1.2.3',
      },
    });
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(devops.paragraph).toContain(normalizeQuote(quotes(ack.payload!)[0]!));
    expect(citations(ack.payload!)[0]).toContain(devops.title);
    expect(buttons(ack.payload!).map((b) => b.action_id)).toContain(ActionId.share);
  });

  it('answers a mention in a thread through the Web API', async () => {
    const ts = '1700000400.000100';
    await h.fake.sendEnvelope({
      type: 'events_api',
      payload: eventCallback(ACTOR.teamId, {
        type: 'app_mention',
        user: ACTOR.userId,
        text: `<@${h.fake.botUserId}> what does a DevOps developer do`,
        ts,
        channel: 'C0GENERAL',
        event_ts: ts,
      }),
    });
    const post = await h.fake.waitFor(() => h.fake.calls('chat.postMessage').find((c) => c.args.thread_ts === ts));
    expect(post.token).toBe(BOT_TOKEN);
    expect(devops.paragraph).toContain(normalizeQuote(quotes(post.args)[0]!));
  });

  it('keeps the app-level token, bot token and signing secret out of the logs', () => {
    const all = h.logs.join('\n');
    expect(all).toContain('Socket Mode');
    for (const secret of [APP_TOKEN, BOT_TOKEN, SIGNING_SECRET]) expect(all).not.toContain(secret);
  });
});
