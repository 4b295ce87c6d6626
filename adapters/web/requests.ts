import { z } from 'zod';

/** Longest question `/api/ask` and `/api/preview` accept; longer is refused, not silently cut. */
export const MAX_QUESTION_CHARS = 2000;

/** Highest `offset` ("More results" page start) accepted; far past any real ranking. */
export const MAX_OFFSET = 10_000;

/** The error body every API route sends: a stable code for programs and a sentence for people. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
}

/** A question and page read from `?q=` and `?offset=`, or why they cannot be used. */
export type AskQuery = { ok: true; question: string; offset: number } | { ok: false; error: ApiError };

const invalid = (code: string, message: string): AskQuery => ({ ok: false, error: { status: 400, code, message } });

/**
 * Reads `?q=` (and optional `?offset=`) from a query string, or says precisely what is wrong with them, so a bad
 * request gets a 400 a person can act on instead of an answer to nothing.
 */
export function readAskQuery(query: Record<string, unknown>): AskQuery {
  const { q, offset } = query;
  if (q === undefined)
    return invalid('MISSING_QUESTION', 'Add your question as ?q=, e.g. /api/ask?q=what+does+a+DevOps+developer+do');
  if (typeof q !== 'string') return invalid('BAD_QUESTION', 'Give the question once, as ?q=your+question.');
  if (q.length > MAX_QUESTION_CHARS) {
    return invalid(
      'QUESTION_TOO_LONG',
      `The question is ${q.length} characters long; the limit is ${MAX_QUESTION_CHARS}. Ask it in fewer words.`,
    );
  }
  if (q.trim() === '')
    return invalid('MISSING_QUESTION', 'The question is empty: type a few words, e.g. ?q=what+is+an+API');
  if (offset === undefined) return { ok: true, question: q, offset: 0 };
  const page = typeof offset === 'string' && /^\d{1,5}$/.test(offset) ? Number(offset) : NaN;
  if (!(page <= MAX_OFFSET)) return invalid('BAD_OFFSET', `offset must be a whole number from 0 to ${MAX_OFFSET}.`);
  return { ok: true, question: q, offset: page };
}

/** `POST /api/feedback`: a reader's Helpful / Not helpful on one passage of an answer. */
export const feedbackBody = z.strictObject({
  question: z.string().trim().min(1).max(MAX_QUESTION_CHARS),
  passageId: z.string().min(1).max(500),
  helpful: z.boolean(),
});

/** The document id part of a passage id (`<docId>#<position>`). */
export function docIdOfPassage(passageId: string): string {
  const hash = passageId.lastIndexOf('#');
  return hash > 0 ? passageId.slice(0, hash) : passageId;
}
