import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { answerQuestion } from '../answer/answerQuestion.js';
import { citePassage } from '../answer/citation.js';
import type { Passage } from '../corpus/types.js';
import type { Logger } from '../log.js';
import { handoffMessage, mentorAnswerDelivery } from '../mentors/handoffMessage.js';
import type { MentorIndex } from '../mentors/mentorIndex.js';
import { repostCutoff } from '../mentors/repost.js';
import { type Handoff, MAX_MENTOR_ANSWER_CHARS, type MentorAnswer, type PassageTried } from '../mentors/types.js';
import type { SearchIndex } from '../search/buildIndex.js';
import { MAX_STORED_QUESTION_CHARS, normalizeQuestion } from '../store/repositories.js';
import type { Store } from '../store/types.js';
import {
  ANSWER_NOT_FOUND_TEXT,
  ANSWER_RETIRED_TEXT,
  answerTooLongText,
  EMPTY_TEXT_TEXT,
  HANDOFF_ANSWERED_TEXT,
  HANDOFF_NOT_FOUND_TEXT,
  handoffTakenByText,
  NOT_YOUR_ANSWER_TEXT,
} from './texts.js';
import type { BotService, HandoffOutcome, MentorAnswerEditor, MentorAnswerOutcome, MentorNotice } from './types.js';

/** The mentor loop's part of the bot service. */
export type MentorLoopService = Pick<
  BotService,
  | 'askMentor'
  | 'recordHandoffPost'
  | 'takeHandoff'
  | 'answerHandoff'
  | 'handoffByPost'
  | 'handoff'
  | 'saveMentorAnswer'
  | 'editMentorAnswer'
  | 'retireMentorAnswer'
  | 'mentorAnswer'
  | 'dueReposts'
>;

export interface MentorLoopDeps {
  /** Where hand-offs and mentor answers live; without one (a CLI session) every call says nothing can be saved. */
  store?: Store | undefined;
  /** The corpus index with the mentor answers, refreshed after each change made here. */
  mentorIndex: MentorIndex;
  publicUrl: string;
  logger: Logger;
  /** The clock (tests pass their own). */
  now: () => Date;
  /** MENTOR_REPOST_MINUTES. */
  repostMinutes: number;
  /** Said when the store could not save: nothing was kept, and trying again is the fix. */
  notSavedText: string;
}

/** Passages the mentors are shown as "tried" at most. */
export const MAX_PASSAGES_TRIED = 3;

const refuse = (code: MentorNotice['code'], text: string) => ({ ok: false as const, notice: { code, text } });

/** The same person asking the same thing again (in any wording that normalizes the same) is one hand-off. */
function askerKey(platform: string, userId: string, question: string): string {
  return createHash('sha256')
    .update(`handoff\0${platform}\0${userId}\0${normalizeQuestion(question)}`)
    .digest('hex');
}

/** Every passage of an index by id, built once per index. */
const passagesById = new WeakMap<SearchIndex, ReadonlyMap<string, Passage>>();
function passageById(index: SearchIndex, id: string): Passage | undefined {
  let map = passagesById.get(index);
  if (!map) passagesById.set(index, (map = new Map(index.corpus.passages.map((p) => [p.id, p]))));
  return map.get(id);
}

/** A mentor's text as kept: trimmed, not empty, within MAX_MENTOR_ANSWER_CHARS. */
function checkedText(text: string): { ok: true; text: string } | ReturnType<typeof refuse> {
  const trimmed = text.trim();
  if (trimmed === '') return refuse('EMPTY_TEXT', EMPTY_TEXT_TEXT);
  if (trimmed.length > MAX_MENTOR_ANSWER_CHARS) {
    return refuse('TEXT_TOO_LONG', answerTooLongText(MAX_MENTOR_ANSWER_CHARS));
  }
  return { ok: true, text: trimmed };
}

/** Short, unguessable ids for mentor answers: they appear in links and button values. */
const newMentorAnswerId = () => randomBytes(8).toString('hex');

/**
 * The mentor loop behind the bot service: hand-offs from question to answer, and mentor answers kept as sources.
 * The adapter has already checked that whoever acts is a mentor; this checks everything else (state, authorship,
 * text) and says no with a stable code and a friendly line. Store failures become "not saved, try again".
 */
export function createMentorLoop(deps: MentorLoopDeps): MentorLoopService {
  const { logger, mentorIndex } = deps;
  const notSaved = () => refuse('STORE_UNAVAILABLE', deps.notSavedText);
  const storeOf = (): Store => {
    if (!deps.store) throw new Error('no store in this session');
    return deps.store;
  };
  /** Runs `work` against the store; a failure is logged with its code and answered with "not saved". */
  async function saving<T>(what: string, work: (store: Store) => Promise<T>): Promise<T | ReturnType<typeof refuse>> {
    try {
      return await work(storeOf());
    } catch (error) {
      logger.warn({ err: error, code: 'STORE_UNAVAILABLE' }, `could not ${what}`);
      return notSaved();
    }
  }
  /** The index sees the change before the caller hears it is done: the next question finds (or no longer finds) it. */
  const reindex = () => mentorIndex.refresh();

  const passagesTried = (question: string, passageIds: string[] | undefined): PassageTried[] => {
    const index = mentorIndex.current();
    const passages = passageIds
      ? passageIds.flatMap((id) => passageById(index, id) ?? [])
      : answerQuestion(index, question, { publicUrl: deps.publicUrl }).passages.flatMap(
          (p) => passageById(index, p.passageId) ?? [],
        );
    return passages.slice(0, MAX_PASSAGES_TRIED).flatMap((passage) => {
      const document = index.documentsById.get(passage.docId);
      if (!document) return [];
      const citation = citePassage(passage, document, deps.publicUrl);
      return [{ passageId: passage.id, title: citation.title, section: citation.section, link: citation.link }];
    });
  };

  const staleHandoff = (handoff: Handoff | undefined, mentorId?: string) => {
    if (!handoff) return refuse('HANDOFF_NOT_FOUND', HANDOFF_NOT_FOUND_TEXT);
    if (handoff.state === 'answered') return refuse('HANDOFF_ALREADY_ANSWERED', HANDOFF_ANSWERED_TEXT);
    if (mentorId !== undefined && handoff.state === 'taken' && handoff.takenBy?.id !== mentorId) {
      return refuse('HANDOFF_ALREADY_TAKEN', handoffTakenByText(handoff.takenBy?.name ?? 'Another mentor'));
    }
    return undefined;
  };

  const changeAnswer = async (
    id: string,
    editor: MentorAnswerEditor,
    change: (store: Store, at: string) => Promise<MentorAnswer | undefined>,
  ): Promise<MentorAnswerOutcome> =>
    saving('change a mentor answer', async (store): Promise<MentorAnswerOutcome> => {
      const existing = await store.mentorAnswers.get(id);
      if (!existing) return refuse('ANSWER_NOT_FOUND', ANSWER_NOT_FOUND_TEXT);
      if (existing.state === 'retired') return refuse('ANSWER_RETIRED', ANSWER_RETIRED_TEXT);
      if (!('maintainer' in editor) && editor.id !== existing.mentor.id) {
        return refuse('NOT_YOUR_ANSWER', NOT_YOUR_ANSWER_TEXT);
      }
      const changed = await change(store, deps.now().toISOString());
      // Retired by someone else between the read and the write.
      if (!changed) return refuse('ANSWER_RETIRED', ANSWER_RETIRED_TEXT);
      await reindex();
      return { ok: true, answer: changed };
    });

  return {
    askMentor: (request) =>
      saving('hand a question to the mentors', async (store): Promise<HandoffOutcome> => {
        const question = request.question.trim().slice(0, MAX_STORED_QUESTION_CHARS);
        if (question === '') return refuse('EMPTY_TEXT', EMPTY_TEXT_TEXT);
        const key = askerKey(request.origin.platform, request.origin.userId, question);
        const existing = await store.handoffs.unansweredFor(key);
        if (existing) {
          return {
            ok: true,
            handoff: existing,
            message: handoffMessage(existing, { ping: false }),
            alreadyAsked: true,
          };
        }
        const handoff = await store.handoffs.create({
          id: randomUUID(),
          platform: request.origin.platform,
          question,
          origin: request.origin,
          passagesTried: passagesTried(question, request.passageIds),
          createdAt: deps.now().toISOString(),
          askerKey: key,
        });
        logger.info({ platform: handoff.platform, handoff: handoff.id }, 'question handed to the mentors');
        return { ok: true, handoff, message: handoffMessage(handoff, { ping: true }) };
      }),

    recordHandoffPost: (handoffId, reference) =>
      saving('record a hand-off post', async (store) =>
        (await store.handoffs.setPost(handoffId, reference))
          ? { ok: true as const }
          : refuse('HANDOFF_NOT_FOUND', HANDOFF_NOT_FOUND_TEXT),
      ),

    takeHandoff: (handoffId, mentor) =>
      saving('take a hand-off', async (store): Promise<HandoffOutcome> => {
        const before = await store.handoffs.get(handoffId);
        const refused = staleHandoff(before, mentor.id);
        if (refused) return refused;
        // Two mentors pressing at once: one conditional update wins, and the other reads who won.
        const after = await store.handoffs.take(handoffId, mentor, deps.now().toISOString());
        const lost = staleHandoff(after, mentor.id);
        if (lost) return lost;
        return { ok: true, handoff: after!, message: handoffMessage(after!, { ping: false }) };
      }),

    answerHandoff: (handoffId, mentor, text) =>
      saving('answer a hand-off', async (store): Promise<HandoffOutcome> => {
        const checked = checkedText(text);
        if (!checked.ok) return checked;
        const refused = staleHandoff(await store.handoffs.get(handoffId));
        if (refused) return refused;
        const at = deps.now().toISOString();
        const mentorAnswerId = newMentorAnswerId();
        const result = await store.handoffs.answer(handoffId, { text: checked.text, mentor, at, mentorAnswerId });
        if (!result) return refuse('HANDOFF_NOT_FOUND', HANDOFF_NOT_FOUND_TEXT);
        if (!result.won) return refuse('HANDOFF_ALREADY_ANSWERED', HANDOFF_ANSWERED_TEXT);
        const { handoff } = result;
        const mentorAnswer: MentorAnswer = {
          id: mentorAnswerId,
          question: handoff.question,
          text: checked.text,
          mentor,
          date: at,
          state: 'live',
          handoffId,
        };
        await store.mentorAnswers.create(mentorAnswer);
        await reindex();
        logger.info({ platform: handoff.platform, handoff: handoff.id }, 'hand-off answered');
        return {
          ok: true,
          handoff,
          message: handoffMessage(handoff, { ping: false }),
          delivery: mentorAnswerDelivery(handoff)!,
          mentorAnswer,
        };
      }),

    handoffByPost: async (reference) => storeOf().handoffs.byPost(reference),
    handoff: async (handoffId) => storeOf().handoffs.get(handoffId),

    saveMentorAnswer: ({ question, text, mentor }) =>
      saving('save a mentor answer', async (store): Promise<MentorAnswerOutcome> => {
        const checked = checkedText(text);
        if (!checked.ok) return checked;
        const asked = question.trim().slice(0, MAX_STORED_QUESTION_CHARS);
        if (asked === '') return refuse('EMPTY_TEXT', EMPTY_TEXT_TEXT);
        const answer: MentorAnswer = {
          id: newMentorAnswerId(),
          question: asked,
          text: checked.text,
          mentor,
          date: deps.now().toISOString(),
          state: 'live',
        };
        await store.mentorAnswers.create(answer);
        await reindex();
        return { ok: true, answer };
      }),

    editMentorAnswer: async (id, editor, text) => {
      const checked = checkedText(text);
      if (!checked.ok) return checked;
      return changeAnswer(id, editor, (store, at) => store.mentorAnswers.edit(id, checked.text, at));
    },

    retireMentorAnswer: (id, editor) => changeAnswer(id, editor, (store, at) => store.mentorAnswers.retire(id, at)),

    mentorAnswer: async (id) => storeOf().mentorAnswers.get(id),

    dueReposts: async (platform, now) => {
      const claimed = await storeOf().handoffs.claimReposts(
        platform,
        repostCutoff(now, deps.repostMinutes),
        now.toISOString(),
      );
      return claimed.map((handoff) => ({ handoff, message: handoffMessage(handoff, { ping: true }) }));
    },
  };
}
