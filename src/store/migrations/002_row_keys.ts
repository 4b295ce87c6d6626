import type { Kysely, Migration } from 'kysely';

/**
 * A key per row that means the same in every database: for a vote by a known person, a hash of who, which passage
 * and which question (so a second vote replaces the first); otherwise a random id. Rows written before this
 * migration keep a null key (nulls never collide in a unique index); `migrate-data` derives one when it copies them.
 */
export const rowKeys: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ['votes', 'declined']) {
      await db.schema.alterTable(table).addColumn('row_key', 'text').execute();
      await db.schema.createIndex(`${table}_by_row_key`).unique().on(table).column('row_key').execute();
    }
  },
};
