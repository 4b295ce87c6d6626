import { createHash } from 'node:crypto';
import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stopWords.js';
import { CANONICAL_PHRASES, CANONICAL_WORDS } from './synonyms.js';

/**
 * Matches wherever any canonical phrase would: a text it does not match is left as it is by every replacement, so
 * one scan replaces sixteen for almost every passage (measured: normalizing twice as fast). Flags are the union
 * of the phrases' (a superset of their matches is enough); with a backreference among them, combining could
 * renumber groups, so every text is then scanned phrase by phrase.
 */
const ANY_CANONICAL_PHRASE: RegExp | undefined = CANONICAL_PHRASES.some(([p]) => /\\[1-9]|\\k</.test(p.source))
  ? undefined
  : new RegExp(
      CANONICAL_PHRASES.map(([p]) => `(?:${p.source})`).join('|'),
      [...new Set(CANONICAL_PHRASES.flatMap(([p]) => [...p.flags.replace(/[gy]/g, '')]))].join(''),
    );

/** Lowercases, strips accents and folds multi-word spellings, so both sides of a match see the same text. */
export function normalizeText(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'");
  if (ANY_CANONICAL_PHRASE && !ANY_CANONICAL_PHRASE.test(s)) return s;
  for (const [pattern, replacement] of CANONICAL_PHRASES) s = s.replace(pattern, replacement);
  return s;
}

const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

/** Splits text into words; hyphenated words give their parts and the joined form ("non-technical"). */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  const tokens: string[] = [];
  for (const chunk of normalized.split(/[^a-z0-9'-]+/)) {
    const words = chunk.match(WORD);
    if (!words) continue;
    tokens.push(...words);
    if (words.length > 1 && chunk.includes('-')) tokens.push(words.join(''));
  }
  return tokens;
}

/**
 * Remembers a function's results for the most recent `max` distinct words (cleared wholesale when full): a corpus
 * has millions of words but only tens of thousands of distinct ones, and stemming is the costly part.
 */
function memoizeWords<T extends NonNullable<unknown> | null>(
  fn: (word: string) => T,
  max: number,
): (word: string) => T {
  const cache = new Map<string, T>();
  return (word) => {
    // One lookup, not has() then get(): no result is undefined (a stop word's term is null).
    const known = cache.get(word);
    if (known !== undefined) return known;
    const value = fn(word);
    if (cache.size >= max) cache.clear();
    cache.set(word, value);
    return value;
  };
}

/** A word's usual spelling: "k8s" -> "kubernetes", "devs" -> "developers"; other words as they are. */
export const canonicalWord = (word: string): string => CANONICAL_WORDS[word] ?? word;

/** The index term for a word, or null for a stop word: canonical spelling, then Porter stem (memoized). */
export const processTerm = memoizeWords((word: string): string | null => {
  const w = word.replace(/'s$/, '').replace(/'/g, '');
  if (w.length === 0 || STOP_WORDS.has(word) || STOP_WORDS.has(w)) return null;
  // A contraction of a function word ("you'd", "it'll", "should've") is one too, not a rare word "youd".
  const apostrophe = word.indexOf("'");
  if (apostrophe > 0 && STOP_WORDS.has(word.slice(0, apostrophe))) return null;
  // Nor is a function word with an "s" ("wats", "thats" as typed for "what's", "that's").
  if (w.endsWith('s') && !(w in CANONICAL_WORDS) && STOP_WORDS.has(w.slice(0, -1))) return null;
  const canonical = canonicalWord(w);
  return stemmer(canonical);
}, 200_000);

/** Index terms of a text, in order, stop words removed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) out.push(term);
  }
  return out;
}

/** Index terms of one word as written in a passage ("Back-end" -> ["backend"]), memoized for snippets. */
export const wordTerms: (word: string) => readonly string[] = memoizeWords((word: string) => terms(word), 50_000);

/**
 * A digest of the tables that turn text into index terms (stop words, folded spellings and phrases): a saved index
 * made with other tables is rebuilt, so editing a table never leaves terms the questions can no longer match.
 */
export const TEXT_PROCESSING_DIGEST: string = createHash('sha256')
  .update(JSON.stringify([[...STOP_WORDS], CANONICAL_WORDS, CANONICAL_PHRASES.map(([p, r]) => [String(p), r])]))
  .digest('hex')
  .slice(0, 16);
