import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { Kysely as KyselyInstance } from 'kysely';
import type pg from 'pg';
import type { Logger } from '../log.js';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from './kysely.js';
import { storeMigrations } from './migrations/index.js';
import type { StoreSchema } from './schema.js';
import type { StoreKind } from './types.js';

/** Where the state lives: the SQLite file in DATA_DIR (default), or the PostgreSQL server of DATABASE_URL. */
export type StoreTarget =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      /** A postgres:// URL; TLS (`sslmode`, `sslrootcert`, …) and credentials come from it. */
      url: string;
      /** Connections this process keeps at most (DATABASE_POOL_MAX). */
      poolMax: number;
      /** The server cancels any statement running longer (DATABASE_STATEMENT_TIMEOUT_MS). */
      statementTimeoutMs: number;
    };

/** How long a SQLite write waits for another process's lock (e.g. two shards sharing DATA_DIR) before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** How long opening a Postgres connection may take before the call fails (and the store reports unavailable). */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5000;

/** An open database with the store's schema, whichever kind. */
export interface StoreDatabase {
  kind: StoreKind;
  db: KyselyInstance<StoreSchema>;
  /** For logs: the file, or the server without user or password. */
  where: string;
}

/** Connections and statement time a one-off command (migrate, migrate-data) uses against Postgres. */
const COMMAND_POSTGRES = { poolMax: 2, statementTimeoutMs: 60_000 } as const;

/**
 * Reads a store named on a command line: `sqlite:./data/feedback.sqlite` (relative to `cwd`) or a
 * `postgres://` URL. Returns undefined for anything else.
 */
export function parseStoreTarget(text: string, cwd = process.cwd()): StoreTarget | undefined {
  if (text.startsWith('sqlite:') && text.length > 'sqlite:'.length)
    return { kind: 'sqlite', file: resolve(cwd, text.slice('sqlite:'.length)) };
  if (/^postgres(ql)?:\/\/\S+$/.test(text) && URL.canParse(text))
    return { kind: 'postgres', url: text, ...COMMAND_POSTGRES };
  return undefined;
}

/** The target for logs and messages, never with a password. */
export function describeTarget(target: StoreTarget): string {
  if (target.kind === 'sqlite') return `sqlite:${target.file}`;
  try {
    const url = new URL(target.url);
    return `postgres://${url.host}${url.pathname}`;
  } catch {
    return 'postgres (unparsable URL)';
  }
}

/**
 * Each driver is loaded only for its own kind of store: a SQLite bot never holds pg's code (about 2.5 MB of heap),
 * nor a PostgreSQL one better-sqlite3's.
 */
const requireDriver = createRequire(import.meta.url);
const loadSqlite = () => requireDriver('better-sqlite3') as typeof Database;
const loadPg = () => requireDriver('pg') as typeof pg;

function openSqlite(file: string): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const Sqlite = loadSqlite();
  const db = new Sqlite(file);
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commits.
  db.pragma('synchronous = NORMAL');
  return db;
}

/**
 * Opens a database lazily: no connection is made until the first query, so a database that is down at start
 * costs nothing here. A Postgres pool replaces connections the server dropped (a restart, a failover) on its own;
 * its `error` event is logged, because unhandled it would crash the process.
 */
export function openDatabase(target: StoreTarget, logger: Logger): StoreDatabase {
  const where = describeTarget(target);
  if (target.kind === 'sqlite') {
    return {
      kind: 'sqlite',
      where,
      db: new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: async () => openSqlite(target.file) }) }),
    };
  }
  const pool = new (loadPg().Pool)({
    connectionString: target.url,
    max: target.poolMax,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    statement_timeout: target.statementTimeoutMs,
    // The client gives up a little after the server would have, in case the server cannot even say so.
    query_timeout: target.statementTimeoutMs + 500,
    idle_in_transaction_session_timeout: target.statementTimeoutMs,
  });
  pool.on('error', (error) =>
    logger.warn({ err: error, code: 'STORE_CONNECTION_LOST', where }, 'a database connection was lost'),
  );
  return { kind: 'postgres', where, db: new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) }) };
}

/**
 * Brings the schema up to date and returns the names of the migrations it applied. Kysely's Migrator holds a lock
 * while it works (a Postgres advisory lock; SQLite's write lock), so replicas starting together migrate once.
 */
export async function migrateToLatest(database: StoreDatabase): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: storeMigrations(database.kind) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
