/**
 * Comparison 5: the store. Votes as the service records them (`store.votes.record`, a new voter each time, so every
 * call is the upsert a real vote is), many in flight at once, against the SQLite file the bot uses by default and
 * against a PostgreSQL server on this machine with its default durability (fsync and synchronous commit on).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import type { StoreTarget } from '../src/store/database.js';
import { openStore } from '../src/store/openStore.js';
import { startPostgres, type PostgresServer } from '../test/support/postgresServer.js';
import { latencyOf, type Latency } from './support/stats.js';

export interface StoreRun {
  store: string;
  /** Why the store was not measured (e.g. PostgreSQL is not installed); the figures are then absent. */
  skipped?: string;
  votesPerSecond?: number;
  latency?: Latency;
}

export interface StoreResult {
  votes: number;
  concurrency: number;
  warmUp: number;
  runs: StoreRun[];
}

export interface StoreOptions {
  votes: number;
  warmUp: number;
  /** Votes in flight at once, like a busy workspace clicking at the same time. */
  concurrency: number;
  progress: (message: string) => void;
}

/** Records `count` votes with `concurrency` in flight; each call timed on its own. */
async function recordVotes(target: StoreTarget, count: number, warmUp: number, concurrency: number): Promise<StoreRun> {
  const store = await openStore({ target, storeUserIds: false, logger: pino({ level: 'silent' }) });
  if (store.status() !== 'ready') throw new Error(`store ${target.kind} is not ready`);
  try {
    const vote = (i: number) =>
      store.votes.record({
        platform: 'slack',
        question: `question ${i % 50}`,
        passageId: `doc#${i % 40}`,
        helpful: i % 3 !== 0,
        userId: `T1:U${i}`,
      });
    for (let i = 0; i < warmUp; i++) await vote(-1 - i);
    const durations: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          const t = performance.now();
          await vote(i);
          durations.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      store: target.kind === 'sqlite' ? 'SQLite (WAL, synchronous=NORMAL)' : 'PostgreSQL (fsync on, pool 10)',
      votesPerSecond: count / seconds,
      latency: latencyOf(durations),
    };
  } finally {
    await store.close();
  }
}

export async function compareStores(options: StoreOptions): Promise<StoreResult> {
  const { votes, warmUp, concurrency, progress } = options;
  const runs: StoreRun[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  try {
    progress('store: SQLite');
    runs.push(await recordVotes({ kind: 'sqlite', file: join(dir, 'feedback.sqlite') }, votes, warmUp, concurrency));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  let server: PostgresServer | undefined;
  try {
    progress('store: PostgreSQL (starting a server)');
    server = await startPostgres({ durable: true });
  } catch (error) {
    runs.push({
      store: 'PostgreSQL',
      skipped: (error instanceof Error ? error.message.split('\n')[0] : undefined) ?? String(error),
    });
  }
  if (server) {
    try {
      const url = await server.database('bench');
      runs.push(
        await recordVotes({ kind: 'postgres', url, poolMax: 10, statementTimeoutMs: 2000 }, votes, warmUp, concurrency),
      );
    } finally {
      await server.destroy();
    }
  }
  return { votes, concurrency, warmUp, runs };
}
