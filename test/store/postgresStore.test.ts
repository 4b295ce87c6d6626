/**
 * The store contract against a REAL PostgreSQL server (Debian's `postgresql`, started by the test: see
 * test/support/postgresServer.ts), plus what only a server brings: replicas migrating at once, and a restart.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import type { Store } from '../../src/store/types.js';
import { openSqliteStore } from '../support/sqliteStore.js';
import { freePort, startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { describeStoreContract, type StoreOptions } from './contract.js';

let server: PostgresServer;
let databases = 0;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.destroy();
});

const silent = pino({ level: 'silent' });

function openPostgresStore(url: string, options: StoreOptions & { retryMs?: number } = {}): Promise<Store> {
  return openStore({
    target: { kind: 'postgres', url, poolMax: 5, statementTimeoutMs: 2000 },
    storeUserIds: options.storeUserIds ?? false,
    logger: silent,
    ...(options.now ? { now: options.now } : {}),
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs, retryMaxMs: options.retryMs } : {}),
  });
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const freshUrl = () => server.database(`store_${++databases}`);

describeStoreContract('postgres', async () => {
  const url = await freshUrl();
  return {
    open: (options) => openPostgresStore(url, options),
    rows: (table) => query(url, `SELECT * FROM ${table} ORDER BY id`),
  };
});

describe('the PostgreSQL store', () => {
  it('migrates once when several replicas start together on an empty database', async () => {
    const url = await freshUrl();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url)));
    try {
      expect(stores.map((s) => s.status())).toEqual(['ready', 'ready', 'ready', 'ready']);
      const applied = await query(url, 'SELECT name FROM kysely_migration ORDER BY name');
      expect(applied.map((r) => r.name)).toEqual(['001_initial', '002_row_keys', '003_mentor_loop']);
      await Promise.all(
        stores.map((s, i) => s.votes.record({ platform: 'web', question: 'q', passageId: `p#${i}`, helpful: false })),
      );
      expect((await stores[0]!.insights.report()).mostNotHelpful).toHaveLength(4);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('survives a database restart: refuses with STORE_UNAVAILABLE meanwhile, then recovers by itself', async () => {
    const url = await freshUrl();
    const store = await openPostgresStore(url, { retryMs: 100 });
    try {
      await store.votes.record({ platform: 'web', question: 'q', passageId: 'before#1', helpful: false });
      await server.stop();
      await expect(
        store.votes.record({ platform: 'web', question: 'q', passageId: 'during#1', helpful: false }),
      ).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
      });
      await vi.waitFor(() => expect(store.status()).toBe('unavailable'));
      await server.start();
      await vi.waitFor(() => expect(store.status()).toBe('ready'), { timeout: 10_000, interval: 50 });
      await store.votes.record({ platform: 'web', question: 'q', passageId: 'after#1', helpful: false });
      const passages = (await store.insights.report()).mostNotHelpful.map((p) => p.passageId).sort();
      expect(passages).toEqual(['after#1', 'before#1']);
    } finally {
      await store.close();
      if (store.status() === 'unavailable') await server.start().catch(() => undefined);
    }
  }, 30_000);

  it('starts without its database and becomes ready when the database comes up', async () => {
    const port = await freePort();
    const store = await openPostgresStore(`postgres://postgres@127.0.0.1:${port}/postgres`, { retryMs: 100 });
    let late: PostgresServer | undefined;
    try {
      expect(store.status()).toBe('unavailable');
      await expect(store.insights.report()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      late = await startPostgres({ port });
      await vi.waitFor(() => expect(store.status()).toBe('ready'), { timeout: 10_000, interval: 50 });
      await store.votes.record({ platform: 'web', question: 'q', passageId: 'late#1', helpful: false });
      expect((await store.insights.report()).mostNotHelpful).toEqual([
        { passageId: 'late#1', notHelpful: 1, helpful: 0 },
      ]);
    } finally {
      await store.close();
      await late?.destroy();
    }
  }, 60_000);
});

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs one of the package's scripts the way `npm run` does (through tsx), with only `env` set. */
async function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', script), ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', CORPUS_DIR: join(ROOT, 'corpus'), ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run migrate and npm run migrate-data', () => {
  it('migrates the DATABASE_URL store, then says it is up to date', async () => {
    const url = await freshUrl();
    const first = await runScript('migrate.ts', [], { DATABASE_URL: url });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/applied 001_initial, 002_row_keys, 003_mentor_loop\.$/m);
    expect(first.stdout).not.toContain('postgres@');
    expect((await runScript('migrate.ts', [], { DATABASE_URL: url })).stdout).toMatch(/is up to date\.$/m);
  }, 30_000);

  it('copies a SQLite store, old rows included, into Postgres once, however often it runs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'migrate-data-'));
    try {
      const sqlite = await openSqliteStore(dataDir, { now: () => new Date() });
      await sqlite.votes.record({
        platform: 'slack',
        question: 'what is devops',
        passageId: 'roles#3',
        helpful: false,
        userId: 'T:U1',
      });
      await sqlite.votes.record({ platform: 'web', question: 'what is devops', passageId: 'roles#3', helpful: false });
      await sqlite.declined.record({ platform: 'web', question: 'how do I bake bread' });
      await sqlite.handoffs.create({
        id: 'h1',
        platform: 'slack',
        question: 'how do I get VPN access',
        origin: { platform: 'slack', userId: 'U1', reply: '{}' },
        passagesTried: [],
        createdAt: new Date().toISOString(),
        askerKey: 'k1',
      });
      await sqlite.mentorAnswers.create({
        id: 'a1',
        question: 'how do I get VPN access',
        text: 'Ask in #it-help.',
        mentor: { id: 'U9', name: 'Ana' },
        date: new Date().toISOString(),
        state: 'live',
      });
      await sqlite.close();
      // Rows from before rows had keys, twice the same: both must arrive, and only once each.
      const file = new Database(join(dataDir, 'feedback.sqlite'));
      const now = new Date().toISOString();
      for (let i = 0; i < 2; i++) {
        file
          .prepare(
            "INSERT INTO votes (ts, platform, question, passage_id, helpful) VALUES (?, 'slack', 'old', 'roles#3', 0)",
          )
          .run(now);
        file
          .prepare(
            "INSERT INTO declined (ts, platform, question, normalized) VALUES (?, 'slack', 'How to knit?', 'how to knit')",
          )
          .run(now);
      }
      file.close();

      const url = await freshUrl();
      const args = ['--from', `sqlite:${join(dataDir, 'feedback.sqlite')}`, '--to', url];
      const first = await runScript('migrateData.ts', args);
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toMatch(
        /^Copied 4 of 4 votes and 3 of 3 declined questions \(and 1 of 1 hand-offs, 1 of 1 mentor answers\)/,
      );
      const again = await runScript('migrateData.ts', args);
      expect(again.stdout).toMatch(
        /^Copied 0 of 4 votes and 0 of 3 declined questions \(and 0 of 1 hand-offs, 0 of 1 mentor answers\)/,
      );

      const shared = await openPostgresStore(url);
      try {
        const report = await shared.insights.report();
        expect(report.mostNotHelpful).toEqual([{ passageId: 'roles#3', notHelpful: 4, helpful: 0 }]);
        expect((await shared.mentorAnswers.live()).map((a) => a.text)).toEqual(['Ask in #it-help.']);
        expect(report.openHandoffs.map((h) => h.question)).toEqual(['how do I get VPN access']);
        expect(report.topDeclined.map((d) => [d.question, d.count])).toEqual([
          ['How to knit?', 2],
          ['how do I bake bread', 1],
        ]);
        // The copied vote keeps its voter key: the same person voting again through Postgres replaces it.
        await shared.votes.record({
          platform: 'slack',
          question: 'what is devops',
          passageId: 'roles#3',
          helpful: true,
          userId: 'T:U1',
        });
        expect((await shared.insights.report()).mostNotHelpful).toEqual([
          { passageId: 'roles#3', notHelpful: 3, helpful: 1 },
        ]);
      } finally {
        await shared.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses an address it cannot read with one line and the usage', async () => {
    const result = await runScript('migrateData.ts', [
      '--from',
      './feedback.sqlite',
      '--to',
      'postgres://x@127.0.0.1/db',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^migrate-data: --from must be sqlite:<file> or a postgres:\/\/ URL\.$/m);
  }, 30_000);
});
