import type { SearchIndex } from '../search/buildIndex.js';
import { MAX_QUERY_CHARS } from '../search/query.js';
import { answerability } from '../search/answerability.js';
import { DECLINE_FLOOR, rankPassages } from '../search/rankPassages.js';
import { citePassage } from './citation.js';
import { makeSnippet } from './snippet.js';
import { suggestTopics } from './topics.js';
import type { Answer, AnswerOptions } from './types.js';

/** Passages in one answer: the best, and two more shown compactly. */
export const PASSAGES_PER_ANSWER = 3;

/**
 * Invisible formatting (zero-width space and joiners, soft hyphen, bidi marks: Unicode's Cf) removed, since it sits
 * inside words ("dev\u200Bops"); control characters and line separators made spaces; whitespace folded; cut to a
 * length a chat can show.
 */
export function cleanQuestion(question: string): string {
  const folded = question
    .replace(/\p{Cf}/gu, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return folded.length > MAX_QUERY_CHARS ? folded.slice(0, MAX_QUERY_CHARS).trimEnd() : folded;
}

/** An answer, and how sure the ranking was of it (0..1): what a channel's bar and a choice between readings use. */
export interface ScoredAnswer {
  answer: Answer;
  confidence: number;
}

/**
 * Answers a question from the index: the few passages that answer it, best first, each a verbatim snippet with a
 * citation; or a kind decline with topics the corpus does cover. Pure: the same index and question give the same
 * answer.
 */
export function answerQuestion(
  index: SearchIndex,
  question: string,
  options: AnswerOptions & { publicUrl: string },
): Answer {
  return scoreAnswer(index, question, options).answer;
}

/** answerQuestion, with the confidence the answer was given (or declined) with. */
export function scoreAnswer(
  index: SearchIndex,
  question: string,
  options: AnswerOptions & { publicUrl: string },
): ScoredAnswer {
  const asked = cleanQuestion(question);
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.min(PASSAGES_PER_ANSWER, Math.max(1, Math.floor(options.limit ?? PASSAGES_PER_ANSWER)));
  const ranking = rankPassages(index, asked, options.without ? { without: options.without } : {});
  const { accept } = options;
  const ranked = accept ? ranking.passages.filter((r) => accept(r.passage)) : ranking.passages;
  const first = ranked[0];
  const confidence =
    accept && !ranking.declined
      ? first
        ? answerability({ ...ranking.evidence, coverage: first.coverage })
        : 0
      : ranking.confidence;
  const page = ranked.slice(offset, offset + limit);
  // The ranking applied its floor to its first passage; the first accepted one may be less sure.
  const declined =
    ranking.declined ||
    page.length === 0 ||
    confidence < (options.minConfidence ?? 0) ||
    (accept !== undefined && confidence < DECLINE_FLOOR);
  // Declined for want of an accepted or confident enough passage, the ranked ones are the closest.
  const closest = ranking.declined
    ? ranking.closest.filter((p) => !accept || accept(p))
    : ranked.slice(0, PASSAGES_PER_ANSWER).map((r) => r.passage);
  const answer: Answer = {
    question: asked,
    passages: declined
      ? []
      : page.map((r) => ({
          passageId: r.passage.id,
          score: r.score,
          snippet: makeSnippet(r.passage.text, r.matchedTerms),
          citation: citePassage(r.passage, index.documentsById.get(r.passage.docId)!, options.publicUrl),
        })),
    declined,
    suggestions: declined ? suggestTopics(index, closest) : [],
    offset,
    hasMore: !declined && ranked.length > offset + limit,
  };
  return { answer, confidence };
}
