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
  let s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\u2018\u2019]/g, "'");
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

function computeTerm(word: string): string | null {
  const w = word.replace(/'s$/, '').replace(/'/g, '');
  if (w.length === 0 || STOP_WORDS.has(word) || STOP_WORDS.has(w)) return null;
  const canonical = CANONICAL_WORDS[w] ?? w;
  return stemmer(canonical);
}

/**
 * Bounded memo of processTerm(): indexing calls it for every word of the corpus, and a corpus of 100,000 passages
 * has millions of words but only tens of thousands of distinct ones (measured: indexing twice as fast).
 */
const TERM_CACHE_MAX = 200_000;
const termCache = new Map<string, string | null>();

/** The index term for a word, or null for a stop word: canonical spelling, then Porter stem. */
export function processTerm(word: string): string | null {
  let term = termCache.get(word);
  if (term === undefined) {
    term = computeTerm(word);
    if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
    termCache.set(word, term);
  }
  return term;
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
