import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_STORE_FILE } from '../../src/config.js';
import { normalizeQuestion } from '../../src/store/repositories.js';
import { openSqliteStore } from '../support/sqliteStore.js';
import { describeStoreContract, type StorePlace } from './contract.js';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function rows(dataDir: string, sql: string): Record<string, unknown>[] {
  const db = new Database(join(dataDir, SQLITE_STORE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

function sqlitePlace(dataDir = join(freshDir(), 'nested', 'data')): StorePlace {
  return {
    open: (options) => openSqliteStore(dataDir, options),
    rows: async (table) => rows(dataDir, `SELECT * FROM ${table} ORDER BY id`),
  };
}

describeStoreContract('sqlite', async () => sqlitePlace());

describe('the SQLite store', () => {
  it('adopts a feedback.sqlite made before migrations existed, keeping its rows', async () => {
    const dataDir = freshDir();
    const legacy = new Database(join(dataDir, SQLITE_STORE_FILE));
    legacy.exec(`
      CREATE TABLE votes (id INTEGER PRIMARY KEY, ts TEXT NOT NULL, platform TEXT NOT NULL, question TEXT NOT NULL,
        passage_id TEXT NOT NULL, helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)), user_id TEXT);
      CREATE TABLE declined (id INTEGER PRIMARY KEY, ts TEXT NOT NULL, platform TEXT NOT NULL, question TEXT NOT NULL,
        normalized TEXT NOT NULL, user_id TEXT);
      INSERT INTO votes (ts, platform, question, passage_id, helpful) VALUES ('2025-03-01T09:00:00.000Z', 'slack', 'q', 'old#1', 0);
      INSERT INTO declined (ts, platform, question, normalized) VALUES ('2025-03-01T09:00:00.000Z', 'web', 'Old one?', 'old one');
      PRAGMA user_version = 1;`);
    legacy.close();

    const store = await openSqliteStore(dataDir, { now: () => new Date('2025-03-02T00:00:00Z') });
    try {
      await store.votes.record({ platform: 'web', question: 'q', passageId: 'old#1', helpful: false, userId: 'u' });
      const report = await store.insights.report();
      expect(report.mostNotHelpful).toEqual([{ passageId: 'old#1', notHelpful: 2, helpful: 0 }]);
      expect(report.topDeclined).toEqual([{ question: 'Old one?', count: 1, lastAsked: '2025-03-01T09:00:00.000Z' }]);
    } finally {
      await store.close();
    }
  });

  it('loses no row when two processes write to one file at the same time', async () => {
    const dataDir = freshDir();
    const perProcess = 500;
    const writers = ['a', 'b'].map((label) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'writeVotes.ts'), dataDir, label, String(perProcess)],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const ready = once(child.stdout, 'data');
      const done = new Promise<void>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`writer ${label} exited ${code}: ${stderr}`)),
        );
      });
      return { child, ready, done };
    });
    // A writer that dies before saying ready fails the test with its stderr, not a timeout.
    await Promise.all(writers.map((w) => Promise.race([w.ready, w.done])));
    for (const w of writers) w.child.stdin.write('go\n');
    await Promise.all(writers.map((w) => w.done));

    expect(rows(dataDir, 'SELECT count(*) AS n FROM votes')[0]!.n).toBe(2 * perProcess);
    expect(rows(dataDir, 'SELECT count(*) AS n FROM declined')[0]!.n).toBe(2 * perProcess);
  }, 30_000);

  it('opens without throwing when DATA_DIR cannot be written, and refuses writes with STORE_UNAVAILABLE', async () => {
    const blocker = join(freshDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
    const store = await openSqliteStore(join(blocker, 'data'), { logger });
    try {
      expect(store.status()).toBe('unavailable');
      await expect(
        store.votes.record({ platform: 'web', question: 'q', passageId: 'd#1', helpful: true }),
      ).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
      });
      expect(logged.join('')).toContain('STORE_UNAVAILABLE');
    } finally {
      await store.close();
    }
  });

  it('normalizes case, punctuation and spacing but keeps letters of any script', () => {
    expect(normalizeQuestion('  What IS   DevOps?! ')).toBe('what is devops');
    expect(normalizeQuestion('Qu’est-ce que DevOps ?')).toBe('qu est ce que devops');
  });
});
