/**
 * The composition root puts Slack's /slack/events, the web pages and /metrics on one HTTP server, and hands every
 * platform the same service, so limits and metrics apply across them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToSlackEvents, slashCommandBody, startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { CORPUS, scratchDir } from './botProcess.js';
import { startTestBot, type TestBot } from './inProcessBot.js';

const BOT_TOKEN = 'xoxb-4444-5555-CompositionTestToken';
const SIGNING_SECRET = 'composition-test-signing-secret-0123';
const ACTOR = { teamId: 'T0TEAM', userId: 'U0ASKER', userName: 'jane.doe' };

describe('one server for Slack, the web and metrics', () => {
  let slack: FakeSlack;
  let t: TestBot;

  beforeAll(async () => {
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    t = await startTestBot({
      CORPUS_DIR: CORPUS,
      DATA_DIR: scratchDir('composition'),
      WATCH_CORPUS: 'false',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      RATE_LIMIT_PER_MINUTE: '2',
    });
  });
  afterAll(async () => {
    await t.bot.stop('test over');
    await slack.close();
  });

  it('answers a signed slash command on /slack/events of the same server that serves /healthz', async () => {
    expect((await t.get('/healthz')).status).toBe(200);
    const reply = await postToSlackEvents(
      `${t.bot.url}/slack/events`,
      slashCommandBody(ACTOR, 'what does a DevOps developer do', slack.responseUrl()),
      { signingSecret: SIGNING_SECRET },
    );
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/DevOps/);
  });

  it('refuses an unsigned request to /slack/events', async () => {
    const reply = await postToSlackEvents(
      `${t.bot.url}/slack/events`,
      slashCommandBody(ACTOR, 'hi', slack.responseUrl()),
      {
        signingSecret: 'not-the-secret',
      },
    );
    expect(reply.status).toBe(401);
  });

  it('applies the per-user limit to Slack users too, and counts Slack questions on /metrics', async () => {
    const ask = () =>
      postToSlackEvents(`${t.bot.url}/slack/events`, slashCommandBody(ACTOR, 'what is an API', slack.responseUrl()), {
        signingSecret: SIGNING_SECRET,
      });
    await ask();
    const third = await ask();
    expect(third.text).toMatch(/wait \d+ seconds?/);
    // A web visitor is someone else: not limited by the Slack user's questions.
    expect((await t.ask('what is an API')).status).toBe(200);

    const metrics = await (await t.get('/metrics')).text();
    expect(metrics).toMatch(/^bot_questions_total\{platform="slack",outcome="answered"\} 2$/m);
    expect(metrics).toMatch(/^bot_questions_total\{platform="slack",outcome="rate_limited"\} 1$/m);
  });
});
