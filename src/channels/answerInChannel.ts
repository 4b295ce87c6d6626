import { cleanQuestion, type ScoredAnswer, scoreAnswer } from '../answer/answerQuestion.js';
import type { Passage } from '../corpus/types.js';
import type { SearchIndex } from '../search/buildIndex.js';
import type { CorpusScope } from './channelSettings.js';
import { inScope } from './corpusScope.js';
import { questionInThread } from './followUp.js';
import { looksLikeQuestion } from './questionDetection.js';

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
   * them, them alone (when they ask something), and the title alone are each searched, and the most confident
   * wins: a greeting or a vague title must not drown the question in the other.
   */
  details?: string;
}

/**
 * Answers a question asked in a channel or a thread: like answerQuestion, but read with the thread's first question
 * when it is a thin follow-up, limited to the channel's corpus scope (filtered after ranking, so the ranking stays
 * one function), and declined below the channel's confidence bar. The answer shows the question as asked.
 */
export function answerInChannel(index: SearchIndex, question: string, options: ChannelAnswerOptions): ScoredAnswer {
  const asked = cleanQuestion(question);
  const details = cleanQuestion(options.details ?? '');
  // The details alone only when they ask something: a remark ("asking for the team lunch") answers nothing.
  const readings =
    details === '' ? [asked] : [`${asked} ${details}`, ...(looksLikeQuestion(details) ? [details] : []), asked];
  const answers = readings.map((reading) => answerReading(index, asked, reading, options));
  return answers.reduce((best, next) => (next.confidence > best.confidence ? next : best));
}

function answerReading(
  index: SearchIndex,
  asked: string,
  reading: string,
  options: ChannelAnswerOptions,
): ScoredAnswer {
  const searched = questionInThread(
    cleanQuestion(reading),
    options.threadQuestion && cleanQuestion(options.threadQuestion),
  );
  const { scope } = options;
  const scored = scoreAnswer(index, searched, {
    publicUrl: options.publicUrl,
    ...(options.minConfidence !== undefined ? { minConfidence: options.minConfidence } : {}),
    ...(scope ? { accept: (passage: Passage) => inDocumentScope(index, passage, scope) } : {}),
  });
  return { ...scored, answer: { ...scored.answer, question: asked } };
}

function inDocumentScope(index: SearchIndex, passage: Passage, scope: CorpusScope): boolean {
  const document = index.documentsById.get(passage.docId);
  return document !== undefined && inScope(document, scope);
}
