import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, FakeShardedDiscord, TOKEN } from './fakeShardedDiscord.js';
import { CORPUS, scratchDir, spawnBot, type BotProcess } from './botProcess.js';

describe('Discord sharding (DISCORD_SHARDS=auto)', () => {
  let fake: FakeShardedDiscord;
  let bot: BotProcess;
  let base: string;

  beforeAll(async () => {
    fake = await FakeShardedDiscord.start({ recommendedShards: 2 });
    bot = spawnBot({
      PORT: '0',
      CORPUS_DIR: CORPUS,
      DATA_DIR: scratchDir('shards-data'),
      WATCH_CORPUS: 'false',
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARDS: 'auto',
    });
    base = `http://127.0.0.1:${await bot.port()}`;
    await bot.waitForLog((l) => l.msg === 'all Discord shards ready', 40_000);
  }, 45_000);

  afterAll(async () => {
    if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await fake.close();
  });

  it('runs the recommended number of shards, each its own gateway session, commands registered once', async () => {
    expect(fake.sessions.map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.registrations).toHaveLength(1);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('answers a question from a server on shard 1, and counts it on the manager process /metrics', async () => {
    const id = fake.askFrom(fake.guildOnShard(1, 2), 'what does a DevOps developer do');
    const callback = await fake.waitUntil(() => fake.callbacks.find((c) => c.interactionId === id), 10_000);
    expect(callback.body.type).toBe(4);
    expect(JSON.stringify(callback.body.data)).toMatch(/DevOps/);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^bot_questions_total\{platform="discord",outcome="answered"\} 1$/m);
  });

  it('on SIGTERM, stops every shard (their gateway sessions close) and exits 0', async () => {
    bot.child.kill('SIGTERM');
    const { code } = await bot.exited;
    expect(code).toBe(0);
    expect(fake.sessions.every((s) => s.closedWith !== undefined)).toBe(true);
    expect(bot.logs.filter((l) => l.msg === 'stopped' && l.drained === true)).toHaveLength(3);
  });
});
