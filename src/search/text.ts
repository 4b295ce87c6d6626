import { stemmer } from 'stemmer';
import { STOP_WORDS } from './stopWords.js';
import { CANONICAL_PHRASES, CANONICAL_WORDS } from './synonyms.js';

/** Lowercases, strips accents and folds multi-word spellings, so both sides of a match see the same text. */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\u2018\u2019]/g, "'");
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

/** The index term for a word, or null for a stop word: canonical spelling, then Porter stem. */
export function processTerm(word: string): string | null {
  const w = word.replace(/'s$/, '').replace(/'/g, '');
  if (w.length === 0 || STOP_WORDS.has(word) || STOP_WORDS.has(w)) return null;
  const canonical = CANONICAL_WORDS[w] ?? w;
  return stemmer(canonical);
}

/** Index terms of a text, in order, stop words removed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) out.push(term);
  }
  return out;
}

/** Bounded memo of wordTerms(): words repeat endlessly across snippets, and stemming is the costly part. */
const WORD_TERMS_CACHE_MAX = 50_000;
const wordTermsCache = new Map<string, readonly string[]>();

/** Index terms of one word as written in a passage ("Back-end" -> ["backend"]), memoized. */
export function wordTerms(word: string): readonly string[] {
  let cached = wordTermsCache.get(word);
  if (cached === undefined) {
    cached = terms(word);
    if (wordTermsCache.size >= WORD_TERMS_CACHE_MAX) wordTermsCache.clear();
    wordTermsCache.set(word, cached);
  }
  return cached;
}
