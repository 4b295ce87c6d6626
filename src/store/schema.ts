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

export interface StoreSchema {
  votes: VotesTable;
  declined: DeclinedTable;
}
