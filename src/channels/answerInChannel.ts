import { cleanQuestion, PASSAGES_PER_ANSWER } from '../answer/answerQuestion.js';
import { citePassage } from '../answer/citation.js';
import { makeSnippet } from '../answer/snippet.js';
import { suggestTopics } from '../answer/topics.js';
import type { Answer } from '../answer/types.js';
import type { SearchIndex } from '../search/buildIndex.js';
import { rankPassages } from '../search/rankPassages.js';
import { passagesConfidence, rankingConfidence } from '../service/answerConfidence.js';
import type { CorpusScope } from './channelSettings.js';
import { inScope } from './corpusScope.js';
import { questionInThread } from './followUp.js';

export interface ChannelAnswerOptions {
  publicUrl: string;
  /** Only passages of documents in this scope may answer. */
  scope?: CorpusScope;
  /** Decline below this confidence (an unprompted answer's higher bar); the ranking's own floor always applies. */
  minConfidence?: number;
  /** The thread's first question, read with a thin follow-up. */
  threadQuestion?: string;
  /**
   * More words from the asker, e.g. a forum post's starter message under its title (the question). The title with
   * them, them alone, and the title alone are each searched, and the most confident wins: a greeting or a
   * vague title must not drown the question in the other.
   */
  details?: string;
}

/** An answer, and how confident the ranking was of it (for the log and the decline decision). */
export interface ChannelAnswer {
  answer: Answer;
  confidence: number;
}

/**
 * Answers a question asked in a channel or a thread: like answerQuestion, but read with the thread's first question
 * when it is a thin follow-up, limited to the channel's corpus scope (filtered after ranking, so the ranking stays
 * one function), and declined below the channel's confidence bar. The answer shows the question as asked.
 */
export function answerInChannel(index: SearchIndex, question: string, options: ChannelAnswerOptions): ChannelAnswer {
  const asked = cleanQuestion(question);
  const details = cleanQuestion(options.details ?? '');
  const readings = details === '' ? [asked] : [`${asked} ${details}`, details, asked];
  const answers = readings.map((reading) => answerReading(index, asked, reading, options));
  return answers.reduce((best, next) => (next.confidence > best.confidence ? next : best));
}

function answerReading(
  index: SearchIndex,
  asked: string,
  reading: string,
  options: ChannelAnswerOptions,
): ChannelAnswer {
  const searched = cleanQuestion(
    questionInThread(cleanQuestion(reading), options.threadQuestion && cleanQuestion(options.threadQuestion)),
  );
  const ranking = rankPassages(index, searched);
  const scope = options.scope;
  const ranked = scope
    ? ranking.passages.filter((r) => {
        const document = index.documentsById.get(r.passage.docId);
        return document !== undefined && inScope(document, scope);
      })
    : ranking.passages;
  const confidence = scope ? passagesConfidence(ranked) : rankingConfidence(ranking);
  const page = ranked.slice(0, PASSAGES_PER_ANSWER);
  const declined = ranking.declined || page.length === 0 || confidence < (options.minConfidence ?? 0);
  return {
    confidence,
    answer: {
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
      suggestions: declined ? suggestTopics(index, searched) : [],
      offset: 0,
      hasMore: !declined && ranked.length > PASSAGES_PER_ANSWER,
    },
  };
}
