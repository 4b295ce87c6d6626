import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../log.js';
import type { DeclinedQuestion, FeedbackStore, FeedbackVote, InsightsReport } from './types.js';

/** Where the database lives inside DATA_DIR; the insights CLI checks it exists before opening it. */
export function feedbackDatabasePath(dataDir: string): string {
  return join(dataDir, 'feedback.sqlite');
}

/** Longest question text kept; a pasted essay should not bloat the database or the insights tables. */
export const MAX_STORED_QUESTION_CHARS = 500;

/** How long a write waits for another process's lock (e.g. two shards sharing DATA_DIR) before giving up. */
export const BUSY_TIMEOUT_MS = 5000;

/** Rows in each "top" table of the insights report unless the caller asks otherwise. */
export const DEFAULT_INSIGHTS_LIMIT = 20;

/** Days of per-day counts in the insights report. */
export const INSIGHTS_DAYS = 30;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS votes (
  id INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  platform TEXT NOT NULL,
  question TEXT NOT NULL,
  passage_id TEXT NOT NULL,
  helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  user_id TEXT
);
CREATE INDEX IF NOT EXISTS votes_by_passage ON votes (passage_id, helpful);
CREATE INDEX IF NOT EXISTS votes_by_ts ON votes (ts);
CREATE TABLE IF NOT EXISTS declined (
  id INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  platform TEXT NOT NULL,
  question TEXT NOT NULL,
  normalized TEXT NOT NULL,
  user_id TEXT
);
CREATE INDEX IF NOT EXISTS declined_by_normalized ON declined (normalized);
CREATE INDEX IF NOT EXISTS declined_by_ts ON declined (ts);
`;

/**
 * Folds the ways people type the same question ("What is DevOps?", "what is devops") into one key, so the
 * insights list counts them together.
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface FeedbackStoreOptions {
  dataDir: string;
  /** STORE_USER_IDS: keep the user id a platform passes with a vote or declined question. */
  storeUserIds: boolean;
  logger: Logger;
  /** The clock; tests pass a fixed one to check per-day counts. */
  now?: (() => Date) | undefined;
}

/**
 * Opens (creating on first start) the SQLite database that makes votes and declined questions survive restarts.
 * WAL mode plus a busy timeout lets several processes that share DATA_DIR write at once without losing rows.
 * Writes never throw: a full disk must not stop the bot answering, so failures are logged with their cause.
 */
export function openFeedbackStore(options: FeedbackStoreOptions): FeedbackStore {
  const log = options.logger.child({ component: 'feedback' });
  const now = options.now ?? (() => new Date());

  mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(feedbackDatabasePath(options.dataDir));
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commits.
  db.pragma('synchronous = NORMAL');
  if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  const insertVote = db.prepare<[string, string, string, string, number, string | null]>(
    'INSERT INTO votes (ts, platform, question, passage_id, helpful, user_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertDeclined = db.prepare<[string, string, string, string, string | null]>(
    'INSERT INTO declined (ts, platform, question, normalized, user_id) VALUES (?, ?, ?, ?, ?)',
  );
  // Each group shows the wording of its most recent row (highest id: timestamps can tie within a millisecond).
  const topDeclined = db.prepare<[number], { question: string; count: number; lastAsked: string }>(
    `SELECT d.question, g.count, g.lastAsked
       FROM (SELECT count(*) AS count, max(ts) AS lastAsked, max(id) AS lastId FROM declined GROUP BY normalized) AS g
       JOIN declined AS d ON d.id = g.lastId
      ORDER BY g.count DESC, g.lastAsked DESC LIMIT ?`,
  );
  const mostNotHelpful = db.prepare<[number], { passageId: string; notHelpful: number; helpful: number }>(
    `SELECT passage_id AS passageId, sum(helpful = 0) AS notHelpful, sum(helpful = 1) AS helpful
       FROM votes GROUP BY passage_id HAVING notHelpful > 0
       ORDER BY notHelpful DESC, helpful ASC, passageId ASC LIMIT ?`,
  );
  const perDay = db.prepare<
    [{ since: string }],
    { day: string; declined: number; helpful: number; notHelpful: number }
  >(
    `SELECT day, sum(declined) AS declined, sum(helpful) AS helpful, sum(notHelpful) AS notHelpful FROM (
         SELECT substr(ts, 1, 10) AS day, 1 AS declined, 0 AS helpful, 0 AS notHelpful FROM declined WHERE ts >= @since
         UNION ALL
         SELECT substr(ts, 1, 10), 0, helpful, 1 - helpful FROM votes WHERE ts >= @since
       ) GROUP BY day ORDER BY day DESC`,
  );

  const keepUser = (userId: string | undefined) => (options.storeUserIds && userId ? userId : null);
  const clip = (question: string) => question.trim().slice(0, MAX_STORED_QUESTION_CHARS);

  function write(what: string, insert: () => void): void {
    try {
      insert();
    } catch (error) {
      log.error({ err: error, code: 'FEEDBACK_WRITE_FAILED' }, `could not store ${what}`);
    }
  }

  return {
    recordVote(vote: FeedbackVote): void {
      write('a vote', () =>
        insertVote.run(
          now().toISOString(),
          vote.platform,
          clip(vote.question),
          vote.passageId,
          vote.helpful ? 1 : 0,
          keepUser(vote.userId),
        ),
      );
    },
    recordDeclined(entry: DeclinedQuestion): void {
      const question = clip(entry.question);
      write('a declined question', () =>
        insertDeclined.run(
          now().toISOString(),
          entry.platform,
          question,
          normalizeQuestion(question),
          keepUser(entry.userId),
        ),
      );
    },
    insights(limit = DEFAULT_INSIGHTS_LIMIT): InsightsReport {
      const since = new Date(now().getTime() - (INSIGHTS_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      return {
        topDeclined: topDeclined.all(limit),
        mostNotHelpful: mostNotHelpful.all(limit),
        perDay: perDay.all({ since }),
      };
    },
    close(): void {
      db.close();
    },
  };
}
