/**
 * The store contract against a REAL PostgreSQL server (Debian's `postgresql`, started by the test: see
 * test/support/postgresServer.ts), plus what only a server brings: replicas migrating at once, and a restart.
 */
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import type { Store } from '../../src/store/types.js';
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
    now: options.now,
    retryMs: options.retryMs,
    retryMaxMs: options.retryMs,
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
      expect(applied.map((r) => r.name)).toEqual(['001_initial', '002_row_keys']);
      await Promise.all(stores.map((s, i) => s.votes.record({ platform: 'web', question: 'q', passageId: `p#${i}`, helpful: false })));
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
      await expect(store.votes.record({ platform: 'web', question: 'q', passageId: 'during#1', helpful: false })).rejects.toMatchObject({
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
      expect((await store.insights.report()).mostNotHelpful).toEqual([{ passageId: 'late#1', notHelpful: 1, helpful: 0 }]);
    } finally {
      await store.close();
      await late?.destroy();
    }
  }, 60_000);
});
