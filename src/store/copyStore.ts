import { createHash } from 'node:crypto';
import type { StoreDatabase } from './database.js';

/** Rows read and written per round trip while copying. */
export const COPY_BATCH_ROWS = 500;

export interface CopyReport {
  votes: { read: number; copied: number };
  declined: { read: number; copied: number };
  handoffs: { read: number; copied: number };
  mentorAnswers: { read: number; copied: number };
}

/**
 * A key for a row written before rows had keys, derived from everything in it (its id included, so two identical
 * votes stay two), so copying the same file twice finds the rows already there.
 */
function derivedKey(table: string, row: object): string {
  return `copied:${createHash('sha256')
    .update(`${table}\0${JSON.stringify(row)}`)
    .digest('hex')}`;
}

/** A vote's reason columns came later: left out of the derived key when empty, so old rows keep the key they had. */
function withoutEmptyReason(row: object): object {
  const { reason, reason_text, ...rest } = row as { reason?: unknown; reason_text?: unknown };
  return reason == null && reason_text == null ? rest : row;
}

/**
 * Copies every vote, declined question, hand-off and mentor answer from one store's database into another's (`npm run migrate-data`), e.g. a
 * single pod's SQLite file into the shared Postgres. Idempotent: each row travels with its key, and a row whose key
 * the target already has is skipped, so a second run copies nothing and a vote replaced since in the target stays
 * replaced. Both databases must be migrated first.
 */
export async function copyStore(from: StoreDatabase, to: StoreDatabase): Promise<CopyReport> {
  return {
    votes: await copyTable('votes', from, to),
    declined: await copyTable('declined', from, to),
    handoffs: await copyById('handoffs', from, to),
    mentorAnswers: await copyById('mentor_answers', from, to),
  };
}

/** Tables keyed by a text id made where the row was born (a UUID, random hex): a row the target has is skipped. */
async function copyById(
  table: 'handoffs' | 'mentor_answers',
  from: StoreDatabase,
  to: StoreDatabase,
): Promise<CopyReport['votes']> {
  const counts = { read: 0, copied: 0 };
  for (let after = ''; ; ) {
    const rows = await from.db
      .selectFrom(table)
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(COPY_BATCH_ROWS)
      .execute();
    if (rows.length === 0) return counts;
    after = rows.at(-1)!.id;
    counts.read += rows.length;
    const inserted = await to.db
      .insertInto(table)
      .values(rows as never)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    counts.copied += inserted.length;
  }
}

async function copyTable(
  table: 'votes' | 'declined',
  from: StoreDatabase,
  to: StoreDatabase,
): Promise<CopyReport['votes']> {
  const counts = { read: 0, copied: 0 };
  for (let after = 0; ; ) {
    const rows = await from.db
      .selectFrom(table)
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(COPY_BATCH_ROWS)
      .execute();
    if (rows.length === 0) return counts;
    after = Number(rows.at(-1)!.id);
    counts.read += rows.length;
    const values = rows.map(({ id, ...row }) => ({
      ...row,
      row_key: row.row_key ?? derivedKey(table, { id, ...withoutEmptyReason(row) }),
    }));
    const inserted = await to.db
      .insertInto(table)
      .values(values)
      .onConflict((oc) => oc.column('row_key').doNothing())
      .returning('id')
      .execute();
    counts.copied += inserted.length;
  }
}
