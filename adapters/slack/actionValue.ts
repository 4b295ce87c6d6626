import { parseJsonObject } from '../../src/shared/jsonObject.js';

/**
 * What a button under an answer must remember. Slack sends no `message` with clicks on ephemeral messages, so
 * the button's own `value` carries the question, the page and the passage a vote is about.
 */
export interface AnswerRef {
  question: string;
  /** The page the button acts on: the shown page for Share, the next one for More results. */
  offset: number;
  /** The passage a Helpful / Not helpful vote is about. */
  passageId?: string;
}

interface Encoded {
  q: string;
  o: number;
  p?: string;
}

/**
 * Packs a reference into a button value of at most `maxLength` characters. JSON escaping can lengthen a question
 * (quotes, backslashes), so when the value would be too long the question is shortened (by whole characters)
 * until it fits: the button then re-asks a slightly shorter question rather than breaking.
 */
export function encodeAnswerRef(ref: AnswerRef, maxLength: number): string {
  const encode = (question: string) => {
    const encoded: Encoded = { q: question, o: ref.offset, ...(ref.passageId ? { p: ref.passageId } : {}) };
    return JSON.stringify(encoded);
  };
  return shortenToFit(ref.question, encode, maxLength);
}

/** `encode(question)`, the question shortened by whole characters until the result fits `maxLength`. */
function shortenToFit(question: string, encode: (question: string) => string, maxLength: number): string {
  let shortened = question;
  for (;;) {
    const value = encode(shortened);
    const excess = value.length - maxLength;
    if (excess <= 0 || shortened === '') return value;
    const chars = Array.from(shortened);
    shortened = chars.slice(0, Math.max(0, chars.length - Math.ceil(excess / 2))).join('');
  }
}

/** Reads a button value back; undefined for anything this adapter did not write. */
export function decodeAnswerRef(value: string | undefined): AnswerRef | undefined {
  const parsed = parseJsonObject(value);
  if (!parsed) return undefined;
  const { q, o, p } = parsed as Partial<Record<keyof Encoded, unknown>>;
  if (typeof q !== 'string' || typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0) return undefined;
  if (p !== undefined && typeof p !== 'string') return undefined;
  return { question: q, offset: o, ...(p !== undefined ? { passageId: p } : {}) };
}

/** What the "Ask a mentor" button must remember: the question and the passages the asker was shown. */
export interface MentorAskRef {
  question: string;
  passageIds: string[];
}

/**
 * Packs an "Ask a mentor" reference into at most `maxLength` characters: passages are dropped from the end first
 * (the core can look them up again), then the question is shortened.
 */
export function encodeMentorAskRef(ref: MentorAskRef, maxLength: number): string {
  const passageIds = [...ref.passageIds];
  const encode = (question: string) => JSON.stringify({ m: question, ps: passageIds });
  while (passageIds.length > 0 && encode(ref.question).length > maxLength) passageIds.pop();
  return shortenToFit(ref.question, encode, maxLength);
}

/** Reads an "Ask a mentor" value back; undefined for anything this adapter did not write. */
export function decodeMentorAskRef(value: string | undefined): MentorAskRef | undefined {
  const parsed = parseJsonObject(value);
  if (!parsed) return undefined;
  const { m, ps } = parsed;
  if (typeof m !== 'string' || !Array.isArray(ps) || !ps.every((p): p is string => typeof p === 'string'))
    return undefined;
  return { question: m, passageIds: ps };
}
