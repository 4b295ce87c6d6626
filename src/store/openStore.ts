import { StoreUnavailableError } from '../errors.js';
import type { Logger } from '../log.js';
import { migrateToLatest, openDatabase, type StoreDatabase, type StoreTarget } from './database.js';
import { sql } from './kysely.js';
import { createRepositories } from './repositories.js';
import type { Store, StoreStatus } from './types.js';

export interface OpenStoreOptions {
  target: StoreTarget;
  /** STORE_USER_IDS: keep the user id a platform passes with a vote or declined question. */
  storeUserIds: boolean;
  logger: Logger;
  /** The clock; tests pass a fixed one to check per-day counts. */
  now?: () => Date;
  /** How often a ready store checks that its database still answers, so /readyz notices an idle outage. */
  healthCheckMs?: number;
  /** First retry after a failure; each further retry waits twice as long, up to `retryMaxMs`. */
  retryMs?: number;
  retryMaxMs?: number;
  /** Told of every change of status (for the `bot_store_up` metric). */
  onStatus?: (status: StoreStatus) => void;
}

export const DEFAULT_HEALTH_CHECK_MS = 10_000;
export const DEFAULT_RETRY_MS = 500;
export const DEFAULT_RETRY_MAX_MS = 5_000;

/** A second process migrating the same SQLite file at the same moment: wait for it this often, this many times. */
const MIGRATION_WAIT_MS = 100;
const MIGRATION_WAITS = 50;

const isBusy = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (/^SQLITE_BUSY/.test(String((error as { code?: unknown }).code ?? '')) ||
    isBusy((error as { cause?: unknown }).cause));

/**
 * Migrates, waiting while another process holds the SQLite file's write lock for its own migration (two shards
 * starting together on one DATA_DIR): SQLite's busy timeout cannot help there, since both began by reading.
 */
async function migrateWhenFree(database: StoreDatabase): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateToLatest(database);
    } catch (error) {
      if (!isBusy(error) || attempt >= MIGRATION_WAITS) throw error;
      await new Promise((resolve) => setTimeout(resolve, MIGRATION_WAIT_MS));
    }
  }
}

/**
 * Opens the store and makes one attempt to reach the database and bring its schema up to date. It never throws
 * for a database that is down: the bot must start and answer without one. Until the database answers, every call
 * rejects at once with StoreUnavailableError, and the store keeps retrying in the background (backing off), so it
 * recovers by itself after an outage or a restart of the database, whether at start or later.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const log = options.logger.child({ component: 'store' });
  const database = openDatabase(options.target, log);
  const repositories = createRepositories(database.db, {
    storeUserIds: options.storeUserIds,
    now: options.now ?? (() => new Date()),
  });
  const healthCheckMs = options.healthCheckMs ?? DEFAULT_HEALTH_CHECK_MS;
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  const retryMaxMs = options.retryMaxMs ?? DEFAULT_RETRY_MAX_MS;

  let status: StoreStatus | 'opening' = 'opening';
  let migrated = false;
  let failures = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  const setStatus = (next: StoreStatus, error?: unknown) => {
    if (next === status) return;
    status = next;
    if (next === 'ready') log.info({ where: database.where }, 'store ready');
    else
      log.error(
        { err: error, code: 'STORE_UNAVAILABLE', where: database.where },
        'store unavailable: answers go on, saving waits for the database',
      );
    options.onStatus?.(next);
  };

  /** Reaches the database (migrating it the first time), sets the status, and plans the next check. */
  const check = (): Promise<void> =>
    (inFlight ??= (async () => {
      try {
        if (migrated) {
          await sql`select 1`.execute(database.db);
        } else {
          const applied = await migrateWhenFree(database);
          migrated = true;
          if (applied.length > 0) log.info({ where: database.where, applied }, 'database migrated');
        }
        failures = 0;
        setStatus('ready');
      } catch (error) {
        failures += 1;
        setStatus('unavailable', error);
      } finally {
        inFlight = undefined;
        if (!closed) {
          clearTimeout(timer);
          const delay = failures === 0 ? healthCheckMs : Math.min(retryMs * 2 ** (failures - 1), retryMaxMs);
          timer = setTimeout(() => void check(), delay).unref();
        }
      }
    })());

  /** Runs one call; any failure is reported as StoreUnavailableError and makes the store look at its database now. */
  async function guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    if (closed || status !== 'ready') throw new StoreUnavailableError(what);
    try {
      return await call();
    } catch (error) {
      void check();
      throw new StoreUnavailableError(what, { cause: error });
    }
  }

  /** Every method of a repository, each call guarded. */
  function guardAll<R extends object>(what: string, repository: R): R {
    const guarded = {} as Record<string, unknown>;
    for (const [name, method] of Object.entries(repository) as [string, (...args: unknown[]) => Promise<unknown>][]) {
      guarded[name] = (...args: unknown[]) => guard(what, () => method(...args));
    }
    return guarded as R;
  }

  await check();

  return {
    kind: database.kind,
    votes: { record: (vote) => guard('save a vote', () => repositories.votes.record(vote)) },
    declined: { record: (entry) => guard('save a declined question', () => repositories.declined.record(entry)) },
    insights: { report: (limit) => guard('read insights', () => repositories.insights.report(limit)) },
    handoffs: guardAll('use hand-offs', repositories.handoffs),
    mentorAnswers: guardAll('use mentor answers', repositories.mentorAnswers),
    status: () => (status === 'ready' ? 'ready' : 'unavailable'),
    async close() {
      closed = true;
      status = 'unavailable';
      clearTimeout(timer);
      await inFlight;
      // Declined questions still waiting for their batched write are written before the database goes.
      await repositories.flushWrites();
      await database.db.destroy();
    },
  };
}
