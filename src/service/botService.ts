import { performance } from 'node:perf_hooks';
import { answerQuestion } from '../answer/answerQuestion.js';
import { answerInChannel } from '../channels/answerInChannel.js';
import { DEFAULT_UNPROMPTED_CONFIDENCE } from '../channels/channelSettings.js';
import { BusyError } from '../errors.js';
import { corpusTopics } from '../answer/topics.js';
import type { FeedbackVote, Store } from '../store/types.js';
import type { Logger } from '../log.js';
import { createMentorIndex } from '../mentors/mentorIndex.js';
import type { SearchIndex } from '../search/buildIndex.js';
import { createMentorLoop } from './mentorLoop.js';
import { createRefusalLog } from './refusalLog.js';
import { createAnswerCache } from './answerCache.js';
import { suggestQuestions } from './suggest.js';
import { FRIENDLY_ERROR_TEXT } from './texts.js';
import type {
  AskOutcome,
  AskRequest,
  BotService,
  HelpContent,
  RateLimiter,
  SaveOutcome,
  ServiceObserver,
  WorkGate,
} from './types.js';

export interface BotServiceDeps {
  /** The current index; a getter so a corpus reload can swap it without the service knowing. */
  index: () => SearchIndex;
  /** Where votes and declined questions go; absent in a CLI session, which records nothing. */
  store?: Store;
  publicUrl: string;
  logger: Logger;
  limiter?: RateLimiter;
  gate?: WorkGate;
  observer?: ServiceObserver;
  /** Distinct questions whose answers are remembered per index (0: none); ANSWER_CACHE_MAX by default. */
  answerCacheSize?: number;
  /** The clock for hand-offs and mentor answers; the system clock by default. */
  now?: () => Date;
  /** MENTOR_REPOST_MINUTES; 60 by default. */
  mentorRepostMinutes?: number;
}

/** The service, and what only the composition root calls. */
export interface BotServiceHandle extends BotService {
  /**
   * Reads the live mentor answers from the store again and rebuilds the index with them: at start, and now and then
   * so that an answer saved, edited or retired through another replica reaches this one.
   */
  refreshMentorAnswers(): Promise<void>;
}

/** How long a hand-off waits untaken before its one re-post, unless MENTOR_REPOST_MINUTES says otherwise. */
export const DEFAULT_MENTOR_REPOST_MINUTES = 60;

/** What a user reads when their vote could not be saved: nothing was kept, and trying again is the fix. */
export const NOT_SAVED_TEXT = "I couldn't save that just now. Please try again in a moment.";

const HELP_INTRO =
  'Ask a question in plain words and I will quote the passages of our docs that answer it, with where each comes from.';

/** Question-shaped headings make the best examples: they are questions the corpus answers by construction. */
function exampleQuestions(index: SearchIndex, count: number): string[] {
  const headings = index.corpus.documents.flatMap((d) => d.sections.map((s) => s.path.at(-1) ?? ''));
  const questions = [...new Set(headings.filter((h) => h.endsWith('?') && h.length <= 80))];
  const picks: string[] = [];
  for (let i = 0; picks.length < count && i < questions.length; i++) {
    // Spread the picks across the list so they show the corpus's range, not one FAQ.
    picks.push(questions[Math.floor((i * questions.length) / count) % questions.length]!);
    if (picks.length === questions.length) break;
  }
  const unique = [...new Set(picks)];
  return unique.length >= count ? unique.slice(0, count) : [...unique, ...corpusTopics(index, count - unique.length)];
}

/** Every passage id of an index, built once per index (a reload brings a new one). */
const passageIds = new WeakMap<SearchIndex, ReadonlySet<string>>();
function passageIdsOf(index: SearchIndex): ReadonlySet<string> {
  let ids = passageIds.get(index);
  if (!ids) passageIds.set(index, (ids = new Set(index.corpus.passages.map((p) => p.id))));
  return ids;
}

/**
 * The one door adapters use into the core. Rate limits, the concurrency gate, metrics, the answer log line and
 * the declined-question record all live here, so every platform gets them the same way.
 */
export function createBotService(deps: BotServiceDeps): BotServiceHandle {
  const { logger } = deps;
  // The line each question writes holds only the service's own fields (platform, outcome, time, passage count), never
  // a secret or a person's words. Redaction, which the logger runs on every field of every line because some paths
  // start with a wildcard, made that line cost about 10 µs and 14 KB of garbage a question; this line skips it.
  const questionLog = logger.child({}, { redact: [] });
  const refusals = createRefusalLog(logger);
  const answers = createAnswerCache(deps.answerCacheSize);
  // Questions are answered from the corpus plus the live mentor answers; help, suggestions and the docs pages stay
  // the corpus's own.
  const mentorIndex = createMentorIndex({
    base: deps.index,
    load: async () => (deps.store ? deps.store.mentorAnswers.live() : []),
    logger,
  });
  // The first read of the mentor answers is the composition root's, once the store is open (it opens after start).
  const current = () => mentorIndex.current();
  const mentorLoop = createMentorLoop({
    store: deps.store,
    mentorIndex,
    publicUrl: deps.publicUrl,
    logger,
    now: deps.now ?? (() => new Date()),
    repostMinutes: deps.mentorRepostMinutes ?? DEFAULT_MENTOR_REPOST_MINUTES,
    notSavedText: NOT_SAVED_TEXT,
  });

  const answer = async (request: AskRequest): Promise<AskOutcome> => {
    const started = performance.now();
    const report = (outcome: 'answered' | 'declined' | 'rate_limited' | 'busy' | 'error', passages: number) => {
      const seconds = (performance.now() - started) / 1000;
      deps.observer?.answered({ platform: request.platform, outcome, seconds, passages });
      if (outcome === 'rate_limited' || outcome === 'busy') return refusals.refused(outcome);
      questionLog.info(
        { platform: request.platform, outcome, ms: Math.round(seconds * 100000) / 100, passages },
        'question',
      );
    };

    const admission = deps.limiter?.take(request.userKey) ?? { ok: true as const };
    if (!admission.ok) {
      report('rate_limited', 0);
      const wait = Math.max(1, Math.ceil(admission.retryAfterSeconds));
      return {
        kind: 'notice',
        notice: {
          code: 'RATE_LIMITED',
          text: `You're asking faster than I can keep up with. Please wait ${wait} second${wait === 1 ? '' : 's'} and try again.`,
          retryAfterSeconds: wait,
        },
      };
    }
    try {
      const { channel } = request;
      const work = async () => {
        const index = current();
        return channel
          ? answerInChannel(index, request.question, { publicUrl: deps.publicUrl, ...channel }).answer
          : answers.answer(index, request.question, request.offset ?? 0, () =>
              answerQuestion(index, request.question, {
                publicUrl: deps.publicUrl,
                offset: request.offset ?? 0,
              }),
            );
      };
      const result = deps.gate ? await deps.gate.run(work) : await work();
      report(result.declined ? 'declined' : 'answered', result.passages.length);
      if (deps.store && result.declined && result.question && (request.offset ?? 0) === 0) {
        // The answer does not wait for the database; a failure is logged with its code (never the question).
        deps.store.declined
          .record({ platform: request.platform, question: result.question, userId: request.userKey })
          .catch((error: unknown) => {
            logger.warn(
              { err: error, code: 'STORE_UNAVAILABLE', platform: request.platform },
              'could not record a declined question',
            );
          });
      }
      return { kind: 'answer', answer: result };
    } catch (error) {
      if (error instanceof BusyError) {
        report('busy', 0);
        return {
          kind: 'notice',
          notice: { code: 'BUSY', text: "I'm answering a lot of questions right now. Please try again in a moment." },
        };
      }
      report('error', 0);
      logger.error({ err: error, platform: request.platform }, 'answering failed');
      return { kind: 'notice', notice: { code: 'INTERNAL', text: FRIENDLY_ERROR_TEXT } };
    }
  };

  return {
    ask: answer,
    suggest: (prefix, limit, maxLength) => suggestQuestions(deps.index(), prefix, limit, maxLength),
    help: (): HelpContent => {
      const index = deps.index();
      return { intro: HELP_INTRO, examples: exampleQuestions(index, 3), topics: corpusTopics(index, 12) };
    },
    previewInThread: (question) =>
      answerInChannel(current(), question, {
        publicUrl: deps.publicUrl,
        minConfidence: DEFAULT_UNPROMPTED_CONFIDENCE,
      }).answer,
    recordVote: async (vote: FeedbackVote): Promise<SaveOutcome> => {
      try {
        await deps.store?.votes.record(vote);
      } catch (error) {
        logger.warn({ err: error, code: 'STORE_UNAVAILABLE', platform: vote.platform }, 'could not save a vote');
        return { ok: false, notice: { code: 'STORE_UNAVAILABLE', text: NOT_SAVED_TEXT } };
      }
      deps.observer?.voted({ platform: vote.platform, helpful: vote.helpful });
      return { ok: true };
    },
    hasPassage: (passageId: string) => passageIdsOf(current()).has(passageId),
    documents: () => deps.index().corpus.documents,
    ...mentorLoop,
    refreshMentorAnswers: () => mentorIndex.refresh(),
  };
}
