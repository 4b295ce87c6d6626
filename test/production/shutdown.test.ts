import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Signal } from '../support/waitUntil.js';
import { APPLICATION_ID, FakeShardedDiscord, TOKEN } from './fakeShardedDiscord.js';
import { CORPUS, scratchDir, spawnBot, type BotProcess } from './botProcess.js';

const QUESTION = 'what does a DevOps developer do';
const running: BotProcess[] = [];

afterEach(() => {
  for (const bot of running.splice(0)) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
});

function start(env: Record<string, string>): BotProcess {
  const bot = spawnBot({ PORT: '0', CORPUS_DIR: CORPUS, WATCH_CORPUS: 'false', ...env });
  running.push(bot);
  return bot;
}

/**
 * Starts `POST /api/feedback` and holds it in flight: headers are sent with `Expect: 100-continue`, so the server's
 * "100 Continue" proves the request has reached the app, and the body waits until the test releases it.
 */
async function holdFeedbackRequest(
  port: number,
  body: string,
): Promise<{ release(): Promise<string>; socket: Socket }> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const news = new Signal('the held request');
  const waitFor = (check: () => boolean) => news.waitUntil(() => (check() ? true : undefined), 10_000);
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
    news.notify();
  });
  socket.write(
    `POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await waitFor(() => received.startsWith('HTTP/1.1 100 Continue'));
  return {
    socket,
    async release() {
      socket.write(body);
      await waitFor(() => /\r\n\r\nHTTP\/1\.1 \d{3}[\s\S]*\r\n\r\n/.test(received));
      return received.slice(received.indexOf('\r\n\r\n') + 4);
    },
  };
}

describe('graceful shutdown', () => {
  it('on SIGTERM refuses new connections, finishes the request in flight, closes the store, and exits 0', async () => {
    const dataDir = scratchDir('shutdown-data');
    const bot = start({ DATA_DIR: dataDir });
    const port = await bot.port();
    const answer = (await (
      await fetch(`http://127.0.0.1:${port}/api/ask?q=${encodeURIComponent(QUESTION)}`)
    ).json()) as {
      answers: { passageId: string }[];
    };
    const passageId = answer.answers[0]!.passageId;
    const inFlight = await holdFeedbackRequest(port, JSON.stringify({ question: QUESTION, passageId, helpful: true }));

    bot.child.kill('SIGTERM');
    await bot.waitForLog((l) => l.msg.startsWith('shutting down'));
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(bot.child.exitCode).toBeNull();

    const response = await inFlight.release();
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toMatch(/\r\nconnection: close\r\n/i);

    const { code } = await bot.exited;
    expect(code).toBe(0);
    expect(bot.logs.find((l) => l.msg === 'stopped')).toMatchObject({ drained: true });
    // The database was closed cleanly (SQLite removes its WAL file then), and the vote made it to disk.
    expect(existsSync(join(dataDir, 'feedback.sqlite-wal'))).toBe(false);
    const db = new Database(join(dataDir, 'feedback.sqlite'), { readonly: true });
    expect(db.prepare('SELECT passage_id AS passageId, helpful FROM votes').all()).toEqual([{ passageId, helpful: 1 }]);
    db.close();
  }, 30_000);

  it('waits for work in flight only up to SHUTDOWN_TIMEOUT_SECONDS, then exits 0 anyway', async () => {
    const bot = start({ DATA_DIR: scratchDir('shutdown-timeout'), SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const stuck = await holdFeedbackRequest(await bot.port(), '{"never": "finished"}');
    const signalled = performance.now();
    bot.child.kill('SIGTERM');
    const { code } = await bot.exited;
    expect(code).toBe(0);
    expect(performance.now() - signalled).toBeGreaterThanOrEqual(1000);
    expect(performance.now() - signalled).toBeLessThan(5000);
    expect(bot.logs.find((l) => l.msg === 'stopped')).toMatchObject({ drained: false });
    stuck.socket.destroy();
  }, 30_000);

  it('disconnects from Discord before exiting', async () => {
    const fake = await FakeShardedDiscord.start({ recommendedShards: 1 });
    try {
      const bot = start({
        DATA_DIR: scratchDir('shutdown-discord'),
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_API_URL: fake.apiUrl,
      });
      await bot.waitForLog((l) => l.msg === 'ready');
      expect(fake.sessions.filter((s) => s.closedWith === undefined)).toHaveLength(1);
      bot.child.kill('SIGINT');
      expect((await bot.exited).code).toBe(0);
      expect(fake.sessions[0]!.closedWith).toBeDefined();
    } finally {
      await fake.close();
    }
  }, 30_000);
});
