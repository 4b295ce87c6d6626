import type { Corpus } from '../corpus/types.js';
import type { Logger } from '../log.js';
import { buildIndex, type SearchIndex } from '../search/buildIndex.js';
import { mentorAnswerDocument } from './mentorDocuments.js';
import type { MentorAnswer } from './types.js';

/**
 * How often a running bot reads the live mentor answers again, so that one saved, edited or retired through another
 * replica is served (or no longer served) here within this time. Unchanged answers cost one query and no rebuild.
 */
export const MENTOR_ANSWERS_REFRESH_MS = 30_000;

export interface MentorIndexOptions {
  /** The corpus index being served (a getter: a corpus reload swaps it). */
  base: () => SearchIndex;
  /** The live mentor answers, from the store. */
  load: () => Promise<MentorAnswer[]>;
  logger: Logger;
}

/** The corpus index with the live mentor answers beside it, rebuilt whole when either changes. */
export interface MentorIndex {
  /** The index to answer from; read it per question, never keep it. */
  current(): SearchIndex;
  /** Reads the live answers again and rebuilds; resolves once the new index is in service (or the old one kept). */
  refresh(): Promise<void>;
}

/** The corpus and the mentor answers as one corpus: ranked together, by the same ranking and the same decline. */
export function withMentorAnswers(corpus: Corpus, answers: readonly MentorAnswer[]): Corpus {
  const extra = answers.filter((a) => a.state === 'live').map(mentorAnswerDocument);
  return {
    documents: [...corpus.documents, ...extra.map((e) => e.document)],
    passages: [...corpus.passages, ...extra.flatMap((e) => e.passages)],
    warnings: corpus.warnings,
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Serves the corpus index plus the live mentor answers. With no mentor answer it is the corpus index itself, at no
 * cost. A rebuild runs after the current event-loop turn, never inside a question; the new index replaces the old in
 * one assignment, and since the answer cache is per index, cached answers go with the old one. After a corpus reload
 * the previous combined index serves until the rebuild on the new corpus is in. Rebuilds run one at a time, in order.
 */
export function createMentorIndex(options: MentorIndexOptions): MentorIndex {
  const log = options.logger.child({ component: 'mentor-answers' });
  let answers: readonly MentorAnswer[] = [];
  let built: { base: SearchIndex; index: SearchIndex } | undefined;
  let queue: Promise<void> = Promise.resolve();
  let baseChangeQueued = false;

  /** What the index depends on in an answer: a refresh that finds the same answers over the same corpus is free. */
  const signature = (list: readonly MentorAnswer[]) =>
    list.map((a) => `${a.id}\0${a.editedAt ?? ''}\0${a.state}\0${a.mentor.name}`).join('\n');

  const apply = async (next: readonly MentorAnswer[]) => {
    const base = options.base();
    if (signature(next) === signature(answers) && (next.length === 0 || built?.base === base)) return;
    await nextTurn();
    const started = performance.now();
    built = next.length > 0 ? { base, index: buildIndex(withMentorAnswers(base.corpus, next)) } : undefined;
    answers = next;
    if (next.length > 0) log.debug({ answers: next.length, ms: Math.round(performance.now() - started) }, 'rebuilt');
  };
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => {
      log.warn(
        { err: error, code: 'STORE_UNAVAILABLE' },
        'could not refresh the mentor answers; keeping the last ones',
      );
    });
    return queue;
  };

  return {
    current() {
      const base = options.base();
      if (answers.length === 0) return base;
      if (built?.base !== base && !baseChangeQueued) {
        baseChangeQueued = true;
        void enqueue(() => {
          baseChangeQueued = false;
          return apply(answers);
        });
      }
      return built?.index ?? base;
    },
    refresh: () => enqueue(async () => apply(await options.load())),
  };
}
