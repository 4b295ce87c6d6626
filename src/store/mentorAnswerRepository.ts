import type { Kysely, Selectable } from 'kysely';
import type { MentorAnswer, MentorAnswerState } from '../mentors/types.js';
import type { MentorAnswersTable, StoreSchema } from './schema.js';
import type { MentorAnswerRepository } from './types.js';

/** A row back into the neutral mentor answer. */
export function mentorAnswerFromRow(row: Selectable<MentorAnswersTable>): MentorAnswer {
  return {
    id: row.id,
    question: row.question,
    text: row.text,
    mentor: { id: row.mentor_id, name: row.mentor_name },
    date: row.created_at,
    state: row.state as MentorAnswerState,
    ...(row.edited_at !== null ? { editedAt: row.edited_at } : {}),
    ...(row.handoff_id !== null ? { handoffId: row.handoff_id } : {}),
  };
}

/** Mentor answers, written once for both databases with kysely's builder. */
export function createMentorAnswerRepository(db: Kysely<StoreSchema>): MentorAnswerRepository {
  const get = async (id: string) => {
    const row = await db.selectFrom('mentor_answers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && mentorAnswerFromRow(row);
  };
  /** One conditional update on a live answer; undefined when it is missing or retired. */
  const changeLive = async (id: string, set: Partial<Selectable<MentorAnswersTable>>) => {
    const result = await db
      .updateTable('mentor_answers')
      .set(set)
      .where('id', '=', id)
      .where('state', '=', 'live')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? get(id) : undefined;
  };

  return {
    async create(answer) {
      await db
        .insertInto('mentor_answers')
        .values({
          id: answer.id,
          created_at: answer.date,
          edited_at: answer.editedAt ?? null,
          question: answer.question,
          text: answer.text,
          mentor_id: answer.mentor.id,
          mentor_name: answer.mentor.name,
          state: answer.state,
          handoff_id: answer.handoffId ?? null,
        })
        .execute();
    },
    get,
    async live() {
      const rows = await db
        .selectFrom('mentor_answers')
        .selectAll()
        .where('state', '=', 'live')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(mentorAnswerFromRow);
    },
    async all() {
      const rows = await db
        .selectFrom('mentor_answers')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(mentorAnswerFromRow);
    },
    edit: (id, text, at) => changeLive(id, { text, edited_at: at }),
    retire: (id, at) => changeLive(id, { state: 'retired', edited_at: at }),
  };
}
