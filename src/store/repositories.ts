import { createHash, randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { groupGaps } from '../mentors/gaps.js';
import { MAX_REASON_TEXT_CHARS, parseVoteReason, type VoteReason } from '../mentors/voteReasons.js';
import type { Platform } from '../service/platform.js';
import { createHandoffRepository } from './handoffRepository.js';
import { createMentorAnswerRepository, mentorAnswerFromRow } from './mentorAnswerRepository.js';
import { createWriteBatch } from './writeBatch.js';
import type { StoreSchema } from './schema.js';
import type {
  DeclinedQuestionRepository,
  FeedbackVote,
  HandoffRepository,
  InsightsReport,
  InsightsRepository,
  MentorAnswerRepository,
  VoteRepository,
} from './types.js';

/** Longest question text kept; a pasted essay should not bloat the database or the insights tables. */
export const MAX_STORED_QUESTION_CHARS = 500;

/** Rows in each "top" table of the insights report unless the caller asks otherwise. */
export const DEFAULT_INSIGHTS_LIMIT = 20;

/** Days of per-day counts in the insights report. */
export const INSIGHTS_DAYS = 30;

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

const clip = (question: string) => question.trim().slice(0, MAX_STORED_QUESTION_CHARS);

/**
 * The key of one person's vote on one passage for one question. Hashed together, so the stored key names no one and
 * two votes of the same person share nothing.
 */
export function voteKey(userId: string, passageId: string, question: string): string {
  return createHash('sha256')
    .update(`vote\0${userId}\0${passageId}\0${normalizeQuestion(clip(question))}`)
    .digest('hex');
}

export interface RepositoryOptions {
  /** STORE_USER_IDS: keep the user id a platform passes with a vote or declined question. */
  storeUserIds: boolean;
  /** The clock; tests pass a fixed one to check per-day counts. */
  now: () => Date;
}

export interface Repositories {
  votes: VoteRepository;
  declined: DeclinedQuestionRepository;
  insights: InsightsRepository;
  handoffs: HandoffRepository;
  mentorAnswers: MentorAnswerRepository;
  /** Writes the rows still waiting for a batched write, and waits for every write under way: before closing. */
  flushWrites(): Promise<void>;
}

/** Readers' comments shown per passage in the insights report, newest first. */
export const INSIGHTS_COMMENTS_PER_PASSAGE = 5;

/** Hand-offs in each list of the insights report. */
export const INSIGHTS_HANDOFFS = 50;

/** Distinct declined and voted-down questions each that the gaps are grouped from. */
export const GAP_QUESTIONS = 200;

/** Mentor answers listed in the insights report. */
export const INSIGHTS_MENTOR_ANSWERS = 200;

const minutesBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

/** Postgres returns count() and sum() as text (they are 64-bit); SQLite as numbers. */
const num = (value: unknown): number => Number(value ?? 0);

/** The queries, written once for both databases with kysely's builder. */
export function createRepositories(db: Kysely<StoreSchema>, options: RepositoryOptions): Repositories {
  const keepUser = (userId: string | undefined) => (options.storeUserIds && userId ? userId : null);

  /** Per passage: how many "Not helpful" votes gave each reason, and the newest comments. */
  const reasonsOf = async (passageIds: string[]) => {
    const byPassage = new Map<string, { counts: Partial<Record<VoteReason, number>>; comments: string[] }>();
    if (passageIds.length === 0) return byPassage;
    const rows = await db
      .selectFrom('votes')
      .select(['passage_id', 'reason', 'reason_text'])
      .where('passage_id', 'in', passageIds)
      .where('helpful', '=', 0)
      .where('reason', 'is not', null)
      .orderBy('ts', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const row of rows) {
      const reason = parseVoteReason(row.reason);
      if (!reason) continue;
      const entry = byPassage.get(row.passage_id) ?? { counts: {}, comments: [] };
      entry.counts[reason] = (entry.counts[reason] ?? 0) + 1;
      if (row.reason_text && entry.comments.length < INSIGHTS_COMMENTS_PER_PASSAGE)
        entry.comments.push(row.reason_text);
      byPassage.set(row.passage_id, entry);
    }
    return byPassage;
  };

  // Every declined question is a row; under load many arrive close together, and one INSERT of them all costs less.
  const writeDeclined = createWriteBatch<Insertable<StoreSchema['declined']>>((rows) =>
    db.insertInto('declined').values(rows).execute(),
  );

  return {
    flushWrites: () => writeDeclined.flush(),
    handoffs: createHandoffRepository(db),
    mentorAnswers: createMentorAnswerRepository(db),
    votes: {
      async record(vote: FeedbackVote) {
        const question = clip(vote.question);
        // A reason only means something with "Not helpful"; an unknown one (an old client, a forged value) is dropped.
        const reason = vote.helpful ? undefined : parseVoteReason(vote.reason);
        const reasonText = reason ? vote.reasonText?.trim().slice(0, MAX_REASON_TEXT_CHARS) || null : null;
        const row = {
          ts: options.now().toISOString(),
          platform: vote.platform,
          question,
          passage_id: vote.passageId,
          helpful: vote.helpful ? 1 : 0,
          user_id: keepUser(vote.userId),
          row_key: vote.userId ? voteKey(vote.userId, vote.passageId, question) : randomUUID(),
          reason: reason ?? null,
          reason_text: reasonText,
        };
        await db
          .insertInto('votes')
          .values(row)
          .onConflict((oc) =>
            oc.column('row_key').doUpdateSet({
              ts: row.ts,
              platform: row.platform,
              question: row.question,
              helpful: row.helpful,
              user_id: row.user_id,
              reason: row.reason,
              reason_text: row.reason_text,
            }),
          )
          .execute();
      },
    },
    declined: {
      record(entry) {
        const question = clip(entry.question);
        return writeDeclined.add({
          ts: options.now().toISOString(),
          platform: entry.platform,
          question,
          normalized: normalizeQuestion(question),
          user_id: keepUser(entry.userId),
          row_key: randomUUID(),
        });
      },
    },
    insights: {
      async report(limit = DEFAULT_INSIGHTS_LIMIT): Promise<InsightsReport> {
        const since = new Date(options.now().getTime() - (INSIGHTS_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
        const notHelpful = db.fn.sum<number>((eb) => eb.case().when('helpful', '=', 0).then(1).else(0).end());
        const [declinedGroups, passages, declinedDays, voteDays, open, answered, gapDeclined, votedDown, answers] =
          await Promise.all([
            // Each group shows the wording of its most recent row (highest id: timestamps can tie within a millisecond).
            db
              .selectFrom((eb) =>
                eb
                  .selectFrom('declined')
                  .select((s) => [
                    s.fn.countAll().as('count'),
                    s.fn.max('ts').as('lastAsked'),
                    s.fn.max('id').as('lastId'),
                  ])
                  .groupBy('normalized')
                  .as('g'),
              )
              .innerJoin('declined as d', 'd.id', 'g.lastId')
              .select(['d.question', 'g.count', 'g.lastAsked'])
              .orderBy('g.count', 'desc')
              .orderBy('g.lastAsked', 'desc')
              .limit(limit)
              .execute(),
            db
              .selectFrom('votes')
              .select((s) => ['passage_id', notHelpful.as('notHelpful'), s.fn.sum<number>('helpful').as('helpful')])
              .groupBy('passage_id')
              .having(notHelpful, '>', 0)
              .orderBy('notHelpful', 'desc')
              .orderBy('helpful', 'asc')
              .orderBy('passage_id', 'asc')
              .limit(limit)
              .execute(),
            db
              .selectFrom('declined')
              .select((s) => [s.fn<string>('substr', ['ts', s.lit(1), s.lit(10)]).as('day'), s.fn.countAll().as('n')])
              .where('ts', '>=', since)
              .groupBy('day')
              .execute(),
            db
              .selectFrom('votes')
              .select((s) => [
                s.fn<string>('substr', ['ts', s.lit(1), s.lit(10)]).as('day'),
                s.fn.sum<number>('helpful').as('helpful'),
                notHelpful.as('notHelpful'),
              ])
              .where('ts', '>=', since)
              .groupBy('day')
              .execute(),
            db
              .selectFrom('handoffs')
              .select(['id', 'platform', 'question', 'state', 'taken_by_name', 'created_at'])
              .where('state', '<>', 'answered')
              .orderBy('created_at')
              .limit(INSIGHTS_HANDOFFS)
              .execute(),
            db
              .selectFrom('handoffs')
              .select(['id', 'question', 'answered_by_name', 'created_at', 'answered_at'])
              .where('state', '=', 'answered')
              .orderBy('answered_at', 'desc')
              .limit(INSIGHTS_HANDOFFS)
              .execute(),
            db
              .selectFrom('declined')
              .select((s) => [s.fn.max('question').as('question'), s.fn.countAll().as('count')])
              .groupBy('normalized')
              .orderBy('count', 'desc')
              .limit(GAP_QUESTIONS)
              .execute(),
            db
              .selectFrom('votes')
              .select((s) => ['question', s.fn.countAll().as('count')])
              .where('helpful', '=', 0)
              .groupBy('question')
              .orderBy('count', 'desc')
              .limit(GAP_QUESTIONS)
              .execute(),
            db
              .selectFrom('mentor_answers')
              .selectAll()
              .orderBy('created_at', 'desc')
              .orderBy('id')
              .limit(INSIGHTS_MENTOR_ANSWERS)
              .execute(),
          ]);
        const mentorAnswers = answers.map(mentorAnswerFromRow);
        const reasons = await reasonsOf(passages.map((p) => p.passage_id));

        const days = new Map<string, InsightsReport['perDay'][number]>();
        const dayRow = (day: string) =>
          days.get(day) ?? days.set(day, { day, declined: 0, helpful: 0, notHelpful: 0 }).get(day)!;
        for (const d of declinedDays) dayRow(d.day).declined = num(d.n);
        for (const v of voteDays)
          Object.assign(dayRow(v.day), { helpful: num(v.helpful), notHelpful: num(v.notHelpful) });

        return {
          topDeclined: declinedGroups.map((g) => ({
            question: g.question,
            count: num(g.count),
            lastAsked: String(g.lastAsked),
          })),
          mostNotHelpful: passages.map((p) => ({
            passageId: p.passage_id,
            notHelpful: num(p.notHelpful),
            helpful: num(p.helpful),
          })),
          notHelpfulReasons: passages.flatMap((p) => {
            const given = reasons.get(p.passage_id);
            return given ? [{ passageId: p.passage_id, reasons: given.counts, comments: given.comments }] : [];
          }),
          perDay: [...days.values()].sort((a, b) => b.day.localeCompare(a.day)),
          gaps: groupGaps(
            [
              ...gapDeclined.map((d) => ({
                question: String(d.question),
                count: num(d.count),
                kind: 'declined' as const,
              })),
              ...votedDown.map((v) => ({ question: v.question, count: num(v.count), kind: 'voted_down' as const })),
            ],
            mentorAnswers.filter((a) => a.state === 'live'),
          ),
          mentorAnswers,
          openHandoffs: open.map((h) => ({
            id: h.id,
            platform: h.platform as Platform,
            question: h.question,
            state: h.state === 'taken' ? 'taken' : 'open',
            ...(h.taken_by_name !== null ? { takenBy: h.taken_by_name } : {}),
            createdAt: h.created_at,
          })),
          answeredHandoffs: answered.map((h) => ({
            id: h.id,
            question: h.question,
            mentorName: h.answered_by_name ?? '',
            createdAt: h.created_at,
            answeredAt: h.answered_at ?? h.created_at,
            minutesToAnswer: minutesBetween(h.created_at, h.answered_at ?? h.created_at),
          })),
        };
      },
    },
  };
}
