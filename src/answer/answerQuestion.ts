import type { SearchIndex } from '../search/buildIndex.js';
import { MAX_QUERY_CHARS } from '../search/query.js';
import { rankPassages } from '../search/rankPassages.js';
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
  const asked = cleanQuestion(question);
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.min(PASSAGES_PER_ANSWER, Math.max(1, Math.floor(options.limit ?? PASSAGES_PER_ANSWER)));
  const ranking = rankPassages(index, asked, options.without ? { without: options.without } : {});
  const page = ranking.passages.slice(offset, offset + limit);
  const declined = ranking.declined || page.length === 0;
  return {
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
    suggestions: declined ? suggestTopics(index, ranking.closest) : [],
    offset,
    hasMore: !declined && ranking.passages.length > offset + limit,
  };
}
