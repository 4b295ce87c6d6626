/**
 * Two bots (the replicas of deploy/scale-out) sharing one REAL PostgreSQL server: a vote through one shows in the
 * other's /insights; a database restart and a database that is down at start leave answering untouched, refuse votes
 * with a clear "try again", and heal by themselves.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { CORPUS, scratchDir } from './botProcess.js';
import { startTestBot, type TestBot } from './inProcessBot.js';

const INSIGHTS_TOKEN = 'shared-postgres-insights-token-0123';
const QUESTION = 'what does a DevOps developer do';
const RETRY_QUESTION = 'what is DevOps';
/** How /api/feedback answers a saved "Not helpful" vote. */
const SAVED = {
  status: 200,
  body: JSON.stringify({ message: 'Thanks, noted. The people who keep the docs use this to improve them.' }),
};

let server: PostgresServer;
let url: string;
beforeAll(async () => {
  server = await startPostgres();
  url = await server.database('bot');
}, 60_000);
afterAll(async () => {
  await server?.destroy();
});

const startReplica = (databaseUrl: string) =>
  startTestBot({
    CORPUS_DIR: CORPUS,
    DATA_DIR: scratchDir('replica'),
    WATCH_CORPUS: 'false',
    INSIGHTS_TOKEN,
    DATABASE_URL: databaseUrl,
  });

async function vote(
  bot: TestBot,
  passageId: string,
  question = QUESTION,
  helpful = false,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${bot.bot.url}/api/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question, passageId, helpful }),
  });
  return { status: response.status, body: await response.text() };
}

async function notHelpfulCounts(bot: TestBot): Promise<Record<string, number>> {
  const response = await fetch(`${bot.bot.url}/insights`, {
    headers: { authorization: `Bearer ${INSIGHTS_TOKEN}`, accept: 'application/json' },
  });
  expect(response.status).toBe(200);
  const report = (await response.json()) as { mostNotHelpful: { passageId: string; notHelpful: number }[] };
  return Object.fromEntries(report.mostNotHelpful.map((p) => [p.passageId, p.notHelpful]));
}

const readiness = async (bot: TestBot) => {
  const response = await bot.get('/readyz');
  return { status: response.status, body: (await response.json()) as { store: string } };
};

async function answeredPassage(bot: TestBot): Promise<string> {
  const { status, body } = await bot.ask(QUESTION);
  expect(status).toBe(200);
  return body.answers![0]!.passageId;
}

describe('two replicas on one PostgreSQL', () => {
  let a: TestBot;
  let b: TestBot;
  beforeAll(async () => {
    [a, b] = await Promise.all([startReplica(url), startReplica(url)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.bot.stop('test over'), b?.bot.stop('test over')]);
  });

  it('shows a vote made through one replica on the other replica’s /insights', async () => {
    expect((await readiness(a)).status).toBe(200);
    const passageId = await answeredPassage(a);
    expect(await vote(a, passageId)).toEqual(SAVED);
    expect((await notHelpfulCounts(b))[passageId]).toBe(1);
  });

  it('keeps answering through a database restart, refuses votes meanwhile with "try again", and recovers by itself', async () => {
    const passageId = await answeredPassage(a);
    const before = (await notHelpfulCounts(b))[passageId] ?? 0;
    await server.stop();
    try {
      // Another question than the first test's: the web counts one vote per reader, passage and question.
      const refused = await vote(a, passageId, RETRY_QUESTION);
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.body)).toEqual({
        error: { code: 'STORE_UNAVAILABLE', message: "I couldn't save that just now. Please try again in a moment." },
      });
      expect((await a.get('/healthz')).status).toBe(200);
      expect((await a.ask(QUESTION)).status).toBe(200);
      await vi.waitFor(async () =>
        expect(await readiness(a)).toEqual({ status: 503, body: expect.objectContaining({ store: 'unavailable' }) }),
      );
    } finally {
      await server.start();
    }
    await vi.waitFor(async () => expect((await readiness(a)).status).toBe(200), { timeout: 15_000, interval: 200 });
    expect(await vote(a, passageId, RETRY_QUESTION)).toEqual(SAVED);
    await vi.waitFor(async () => expect((await notHelpfulCounts(b))[passageId]).toBe(before + 1), {
      timeout: 15_000,
      interval: 200,
    });
  }, 40_000);
});

describe('a bot whose database is down at start', () => {
  it('starts and answers, says so on /readyz and /metrics (never the password), and saves votes once the database is up', async () => {
    const port = await freePort();
    const password = 'never-logged-db-password';
    const bot = await startReplica(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
    let late: PostgresServer | undefined;
    try {
      expect((await bot.get('/healthz')).status).toBe(200);
      expect(await readiness(bot)).toEqual({
        status: 503,
        body: { status: 'degraded', answering: 'ok', store: 'unavailable' },
      });
      expect(await (await bot.get('/metrics')).text()).toMatch(/^bot_store_up 0$/m);
      const passageId = await answeredPassage(bot);
      expect((await vote(bot, passageId)).status).toBe(503);

      late = await startPostgres({ port });
      await vi.waitFor(async () => expect((await readiness(bot)).status).toBe(200), { timeout: 15_000, interval: 200 });
      expect(await (await bot.get('/metrics')).text()).toMatch(/^bot_store_up 1$/m);
      expect(await vote(bot, passageId)).toEqual(SAVED);
      expect((await notHelpfulCounts(bot))[passageId]).toBe(1);
      expect(bot.logs.some((line) => line.code === 'STORE_UNAVAILABLE')).toBe(true);
      expect(JSON.stringify(bot.logs)).not.toContain(password);
    } finally {
      await bot.bot.stop('test over');
      await late?.destroy();
    }
  }, 60_000);
});
