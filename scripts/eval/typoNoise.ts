/**
 * The same questions with one typo each, as fingers make them: two letters swapped, one left out, one doubled or
 * struck on a neighbouring key, in one word of four letters or more. Seeded, so a run is repeatable; measures how
 * much a typo costs on questions written for other styles, beside the few typo questions the sets hold.
 */
import { STOP_WORDS } from '../../src/search/stopWords.js';
import type { Gold } from './gold.js';
import { seeded } from './seeded.js';

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function neighbourKey(letter: string, random: (n: number) => number): string {
  const row = KEYBOARD_ROWS.findIndex((r) => r.includes(letter));
  if (row < 0) return letter;
  const at = KEYBOARD_ROWS[row]!.indexOf(letter);
  const keys = [
    KEYBOARD_ROWS[row]![at - 1],
    KEYBOARD_ROWS[row]![at + 1],
    KEYBOARD_ROWS[row - 1]?.[at],
    KEYBOARD_ROWS[row + 1]?.[at],
  ].filter((k): k is string => k !== undefined);
  return keys[random(keys.length)]!;
}

/** A word with one slip of the finger, never in its first letter. */
function misspell(word: string, random: (n: number) => number): string {
  const at = 1 + random(word.length - 2);
  switch (random(4)) {
    case 0:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + neighbourKey(word[at]!, random) + word.slice(at + 1);
    default:
      return word.slice(0, at) + word[at] + word.slice(at);
  }
}

/** The answerable questions of a set, each with one seeded typo in one of its content words. */
export function withTypos(gold: readonly Gold[], seed = 1): Gold[] {
  const random = seeded(seed);
  return gold
    .filter((g) => g.expect)
    .map((g) => {
      const words = (g.q.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !STOP_WORDS.has(w.toLowerCase()));
      if (words.length === 0) return g;
      const word = words[random(words.length)]!;
      return { ...g, q: g.q.replace(word, misspell(word.toLowerCase(), random)) };
    });
}
