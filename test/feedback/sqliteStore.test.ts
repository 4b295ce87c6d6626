import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { feedbackDatabasePath, normalizeQuestion, openFeedbackStore } from '../../src/feedback/sqliteStore.js';
import type { FeedbackStore } from '../../src/feedback/types.js';

const silent = pino({ level: 'silent' });
const dirs: string[] = [];
const stores: FeedbackStore[] = [];

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'feedback-'));
  dirs.push(dir);
  return dir;
}

function open(dataDir: string, extra: { storeUserIds?: boolean; now?: (() => Date) | undefined } = {}): FeedbackStore {
  const store = openFeedbackStore({
    dataDir,
    storeUserIds: extra.storeUserIds ?? false,
    logger: silent,
    now: extra.now,
  });
  stores.push(store);
  return store;
}

function rows(dataDir: string, sql: string): Record<string, unknown>[] {
  const db = new Database(feedbackDatabasePath(dataDir), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

afterEach(() => {
  for (const store of stores.splice(0)) {
    try {
      store.close();
    } catch {
      // already closed by the test
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openFeedbackStore', () => {
  it('creates DATA_DIR on first start and keeps votes and declined questions across a restart', () => {
    const dataDir = join(freshDir(), 'nested', 'data');
    const first = open(dataDir);
    first.recordVote({
      platform: 'slack',
      question: 'what does a devops developer do',
      passageId: 'roles#3',
      helpful: false,
    });
    first.recordDeclined({ platform: 'web', question: 'how do I bake bread' });
    first.close();

    const report = open(dataDir).insights();
    expect(report.mostNotHelpful).toEqual([{ passageId: 'roles#3', notHelpful: 1, helpful: 0 }]);
    expect(report.topDeclined.map((d) => d.question)).toEqual(['how do I bake bread']);
  });

  it('loses no row when two processes write at the same time', async () => {
    const dataDir = freshDir();
    const perProcess = 1000;
    const writers = ['a', 'b'].map((label) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'writeFeedback.ts'), dataDir, label, String(perProcess)],
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
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin.write('go\n');
    await Promise.all(writers.map((w) => w.done));

    expect(rows(dataDir, 'SELECT count(*) AS n FROM votes')[0]!.n).toBe(2 * perProcess);
    expect(rows(dataDir, 'SELECT count(*) AS n FROM declined')[0]!.n).toBe(2 * perProcess);
  }, 20_000);

  it('stores no user id unless STORE_USER_IDS is on', () => {
    const withoutIds = freshDir();
    const store = open(withoutIds);
    store.recordVote({ platform: 'slack', question: 'q', passageId: 'd#1', helpful: true, userId: 'slack:T1:U1' });
    store.recordDeclined({ platform: 'discord', question: 'q', userId: 'discord:42' });
    expect(rows(withoutIds, 'SELECT user_id FROM votes UNION ALL SELECT user_id FROM declined')).toEqual([
      { user_id: null },
      { user_id: null },
    ]);

    const withIds = freshDir();
    const keeping = open(withIds, { storeUserIds: true });
    keeping.recordVote({ platform: 'slack', question: 'q', passageId: 'd#1', helpful: true, userId: 'slack:T1:U1' });
    keeping.recordDeclined({ platform: 'discord', question: 'q', userId: 'discord:42' });
    expect(rows(withIds, 'SELECT user_id FROM votes UNION ALL SELECT user_id FROM declined')).toEqual([
      { user_id: 'slack:T1:U1' },
      { user_id: 'discord:42' },
    ]);
  });

  it('groups differently typed declined questions, ranks passages by "not helpful", and counts per day', () => {
    let clock = new Date('2025-03-01T09:00:00Z');
    const store = open(freshDir(), { now: () => clock });
    store.recordDeclined({ platform: 'slack', question: 'What is Kubernetes?' });
    store.recordDeclined({ platform: 'web', question: 'how do I bake bread' });
    clock = new Date('2025-03-02T10:00:00Z');
    store.recordDeclined({ platform: 'discord', question: 'what is  kubernetes' });
    store.recordVote({ platform: 'web', question: 'q', passageId: 'a#1', helpful: false });
    store.recordVote({ platform: 'web', question: 'q', passageId: 'b#2', helpful: false });
    store.recordVote({ platform: 'web', question: 'q', passageId: 'b#2', helpful: false });
    store.recordVote({ platform: 'web', question: 'q', passageId: 'b#2', helpful: true });
    store.recordVote({ platform: 'web', question: 'q', passageId: 'c#3', helpful: true });

    const report = store.insights();
    expect(report.topDeclined).toEqual([
      { question: 'what is  kubernetes', count: 2, lastAsked: '2025-03-02T10:00:00.000Z' },
      { question: 'how do I bake bread', count: 1, lastAsked: '2025-03-01T09:00:00.000Z' },
    ]);
    expect(report.mostNotHelpful).toEqual([
      { passageId: 'b#2', notHelpful: 2, helpful: 1 },
      { passageId: 'a#1', notHelpful: 1, helpful: 0 },
    ]);
    expect(report.perDay).toEqual([
      { day: '2025-03-02', declined: 1, helpful: 2, notHelpful: 3 },
      { day: '2025-03-01', declined: 2, helpful: 0, notHelpful: 0 },
    ]);
    expect(store.insights(1).topDeclined).toHaveLength(1);
  });

  it('keeps answering when a write fails: the error is logged, not thrown', () => {
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
    const store = openFeedbackStore({ dataDir: freshDir(), storeUserIds: false, logger });
    store.close();
    expect(() => store.recordVote({ platform: 'web', question: 'q', passageId: 'd#1', helpful: true })).not.toThrow();
    expect(logged.join('')).toContain('FEEDBACK_WRITE_FAILED');
  });

  it('normalizes case, punctuation and spacing but keeps letters of any script', () => {
    expect(normalizeQuestion('  What IS   DevOps?! ')).toBe('what is devops');
    expect(normalizeQuestion('Qu’est-ce que DevOps ?')).toBe('qu est ce que devops');
  });
});
