import type { Generated } from 'kysely';

/**
 * The tables as kysely sees them, for both SQLite and PostgreSQL. Timestamps are ISO-8601 UTC text, which sorts
 * and slices into days the same way in both databases; `helpful` is 0 or 1 for the same reason.
 */
export interface VotesTable {
  id: Generated<number>;
  ts: string;
  platform: string;
  question: string;
  passage_id: string;
  helpful: number;
  user_id: string | null;
  /** Identifies the row across databases: a voter's hash (a repeat vote replaces the row) or a random id. */
  row_key: string | null;
  /** Why "Not helpful" (a VoteReason), when the voter said. */
  reason: string | null;
  /** The voter's own words with the reason (at most MAX_REASON_TEXT_CHARS). */
  reason_text: string | null;
}

export interface DeclinedTable {
  id: Generated<number>;
  ts: string;
  platform: string;
  question: string;
  normalized: string;
  user_id: string | null;
  /** Identifies the row across databases, so `npm run migrate-data` can run twice without copying twice. */
  row_key: string | null;
}

/** A question handed to the mentors. The asker's origin is kept (as JSON) because the answer must go back there. */
export interface HandoffsTable {
  id: string;
  created_at: string;
  platform: string;
  question: string;
  /** Folds one asker's repeats of one question into one open hand-off: a hash of platform, user and question. */
  asker_key: string;
  /** AskerOrigin as JSON. */
  origin: string;
  /** PassageTried[] as JSON. */
  passages_tried: string;
  state: string;
  taken_by_id: string | null;
  taken_by_name: string | null;
  taken_at: string | null;
  answer_text: string | null;
  answered_by_id: string | null;
  answered_by_name: string | null;
  answered_at: string | null;
  mentor_answer_id: string | null;
  reposted_at: string | null;
  /** The adapter's id of its latest post in the mentors' channel. */
  post_ref: string | null;
}

/** A mentor's answer kept as a source. */
export interface MentorAnswersTable {
  id: string;
  created_at: string;
  edited_at: string | null;
  question: string;
  text: string;
  mentor_id: string;
  mentor_name: string;
  state: string;
  handoff_id: string | null;
}

export interface StoreSchema {
  votes: VotesTable;
  declined: DeclinedTable;
  handoffs: HandoffsTable;
  mentor_answers: MentorAnswersTable;
}
