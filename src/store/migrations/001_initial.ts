import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely.js';
import type { StoreKind } from '../types.js';

/**
 * The tables of the first release. `if not exists` adopts a SQLite file made before migrations existed (its
 * schema is exactly this). Only the id column differs: SQLite's `integer primary key` is the rowid, Postgres
 * needs an identity.
 */
export function initial(kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const table of ['votes', 'declined'] as const) {
        let create = db.schema
          .createTable(table)
          .ifNotExists()
          .addColumn('id', kind === 'postgres' ? 'bigint' : 'integer', (col) =>
            kind === 'postgres' ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey(),
          )
          .addColumn('ts', 'text', (col) => col.notNull())
          .addColumn('platform', 'text', (col) => col.notNull())
          .addColumn('question', 'text', (col) => col.notNull());
        create =
          table === 'votes'
            ? create
                .addColumn('passage_id', 'text', (col) => col.notNull())
                .addColumn('helpful', 'integer', (col) => col.notNull().check(sql`helpful in (0, 1)`))
            : create.addColumn('normalized', 'text', (col) => col.notNull());
        await create.addColumn('user_id', 'text').execute();
      }
      await db.schema
        .createIndex('votes_by_passage')
        .ifNotExists()
        .on('votes')
        .columns(['passage_id', 'helpful'])
        .execute();
      await db.schema.createIndex('votes_by_ts').ifNotExists().on('votes').column('ts').execute();
      await db.schema.createIndex('declined_by_normalized').ifNotExists().on('declined').column('normalized').execute();
      await db.schema.createIndex('declined_by_ts').ifNotExists().on('declined').column('ts').execute();
    },
  };
}
