import type { Kysely, Selectable } from 'kysely';
import type { AskerOrigin, Handoff, HandoffState, PassageTried } from '../mentors/types.js';
import type { Platform } from '../service/platform.js';
import type { HandoffsTable, StoreSchema } from './schema.js';
import type { HandoffRepository } from './types.js';

/** A row back into the neutral hand-off; absent parts stay absent (never `undefined`-valued keys). */
export function handoffFromRow(row: Selectable<HandoffsTable>): Handoff {
  return {
    id: row.id,
    platform: row.platform as Platform,
    question: row.question,
    origin: JSON.parse(row.origin) as AskerOrigin,
    passagesTried: JSON.parse(row.passages_tried) as PassageTried[],
    state: row.state as HandoffState,
    createdAt: row.created_at,
    ...(row.taken_by_id !== null ? { takenBy: { id: row.taken_by_id, name: row.taken_by_name ?? '' } } : {}),
    ...(row.taken_at !== null ? { takenAt: row.taken_at } : {}),
    ...(row.answered_at !== null
      ? {
          answer: {
            text: row.answer_text ?? '',
            mentor: { id: row.answered_by_id ?? '', name: row.answered_by_name ?? '' },
            at: row.answered_at,
            ...(row.mentor_answer_id !== null ? { mentorAnswerId: row.mentor_answer_id } : {}),
          },
        }
      : {}),
    ...(row.reposted_at !== null ? { repostedAt: row.reposted_at } : {}),
    ...(row.post_ref !== null ? { post: { reference: row.post_ref } } : {}),
  };
}

/** Hand-offs, written once for both databases with kysely's builder. */
export function createHandoffRepository(db: Kysely<StoreSchema>): HandoffRepository {
  const get = async (id: string) => {
    const row = await db.selectFrom('handoffs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && handoffFromRow(row);
  };

  return {
    async create(handoff) {
      await db
        .insertInto('handoffs')
        .values({
          id: handoff.id,
          created_at: handoff.createdAt,
          platform: handoff.platform,
          question: handoff.question,
          asker_key: handoff.askerKey,
          origin: JSON.stringify(handoff.origin),
          passages_tried: JSON.stringify(handoff.passagesTried),
          state: 'open',
          taken_by_id: null,
          taken_by_name: null,
          taken_at: null,
          answer_text: null,
          answered_by_id: null,
          answered_by_name: null,
          answered_at: null,
          mentor_answer_id: null,
          reposted_at: null,
          post_ref: null,
        })
        .execute();
      return (await get(handoff.id))!;
    },
    get,
    async byPost(reference) {
      const row = await db
        .selectFrom('handoffs')
        .selectAll()
        .where('post_ref', '=', reference)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row && handoffFromRow(row);
    },
    async unansweredFor(askerKey) {
      const row = await db
        .selectFrom('handoffs')
        .selectAll()
        .where('asker_key', '=', askerKey)
        .where('state', '<>', 'answered')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row && handoffFromRow(row);
    },
    async setPost(id, reference) {
      const result = await db
        .updateTable('handoffs')
        .set({ post_ref: reference })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async take(id, mentor, at) {
      await db
        .updateTable('handoffs')
        .set({ state: 'taken', taken_by_id: mentor.id, taken_by_name: mentor.name, taken_at: at })
        .where('id', '=', id)
        .where('state', '=', 'open')
        .execute();
      return get(id);
    },
    async answer(id, answer) {
      const result = await db
        .updateTable('handoffs')
        .set({
          state: 'answered',
          answer_text: answer.text,
          answered_by_id: answer.mentor.id,
          answered_by_name: answer.mentor.name,
          answered_at: answer.at,
          mentor_answer_id: answer.mentorAnswerId ?? null,
        })
        .where('id', '=', id)
        .where('state', '<>', 'answered')
        .executeTakeFirst();
      const handoff = await get(id);
      return handoff && { won: Number(result.numUpdatedRows) > 0, handoff };
    },
    async claimReposts(platform, cutoff, now) {
      const rows = await db
        .updateTable('handoffs')
        .set({ reposted_at: now })
        .where('platform', '=', platform)
        .where('state', '=', 'open')
        .where('reposted_at', 'is', null)
        .where('created_at', '<=', cutoff)
        .returningAll()
        .execute();
      return rows.map(handoffFromRow).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}
