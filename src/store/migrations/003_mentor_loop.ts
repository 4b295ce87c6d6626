import type { Kysely, Migration } from 'kysely';

/**
 * The mentor loop (issue 15): hand-offs, mentor answers, and the reason a reader gives with "Not helpful". Plain
 * text columns only (ISO timestamps, JSON), so the same statements run on SQLite and PostgreSQL.
 */
export const mentorLoop: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('votes').addColumn('reason', 'text').execute();
    await db.schema.alterTable('votes').addColumn('reason_text', 'text').execute();

    await db.schema
      .createTable('handoffs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('platform', 'text', (col) => col.notNull())
      .addColumn('question', 'text', (col) => col.notNull())
      .addColumn('asker_key', 'text', (col) => col.notNull())
      .addColumn('origin', 'text', (col) => col.notNull())
      .addColumn('passages_tried', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('taken_by_id', 'text')
      .addColumn('taken_by_name', 'text')
      .addColumn('taken_at', 'text')
      .addColumn('answer_text', 'text')
      .addColumn('answered_by_id', 'text')
      .addColumn('answered_by_name', 'text')
      .addColumn('answered_at', 'text')
      .addColumn('mentor_answer_id', 'text')
      .addColumn('reposted_at', 'text')
      .addColumn('post_ref', 'text')
      .execute();
    await db.schema.createIndex('handoffs_by_state').on('handoffs').columns(['state', 'created_at']).execute();
    await db.schema.createIndex('handoffs_by_asker').on('handoffs').columns(['asker_key', 'state']).execute();
    await db.schema.createIndex('handoffs_by_post').on('handoffs').column('post_ref').execute();

    await db.schema
      .createTable('mentor_answers')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('edited_at', 'text')
      .addColumn('question', 'text', (col) => col.notNull())
      .addColumn('text', 'text', (col) => col.notNull())
      .addColumn('mentor_id', 'text', (col) => col.notNull())
      .addColumn('mentor_name', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('handoff_id', 'text')
      .execute();
    await db.schema.createIndex('mentor_answers_by_state').on('mentor_answers').column('state').execute();
  },
};
