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
  let question = ref.question;
  for (;;) {
    const encoded: Encoded = { q: question, o: ref.offset, ...(ref.passageId ? { p: ref.passageId } : {}) };
    const value = JSON.stringify(encoded);
    const excess = value.length - maxLength;
    if (excess <= 0 || question === '') return value;
    const chars = Array.from(question);
    question = chars.slice(0, Math.max(0, chars.length - Math.ceil(excess / 2))).join('');
  }
}

/** Reads a button value back; undefined for anything this adapter did not write. */
export function decodeAnswerRef(value: string | undefined): AnswerRef | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { q, o, p } = parsed as Partial<Record<keyof Encoded, unknown>>;
  if (typeof q !== 'string' || typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0) return undefined;
  if (p !== undefined && typeof p !== 'string') return undefined;
  return { question: q, offset: o, ...(p !== undefined ? { passageId: p } : {}) };
}
