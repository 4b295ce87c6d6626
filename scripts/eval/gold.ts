/**
 * Gold questions and the scoring rule of the shared scorer (`score.mjs`): an answer is a hit when its snippet (at
 * most 700 characters, what a person sees) holds at least 80% of an expected phrase's words, in any order, after
 * folding case and punctuation. Kept identical so that figures agree with it.
 */
import { readFileSync } from 'node:fs';

/** One line of an `eval/*.jsonl` file; no `expect` means the corpus cannot answer it and the bot should decline. */
export interface Gold {
  id: string;
  q: string;
  doc?: string;
  /** How the question is written: casual, synonym, typo, comparison, keywords, list, rambling; company, general-tech. */
  style?: string;
  expect?: string[];
  alt?: { expect: string[] }[];
}

/** Which half of a set a question belongs to, by a fixed rule: odd id numbers tune, even ones check. */
export type Split = 'tune' | 'check';

export function splitOf(id: string): Split {
  const digits = /(\d+)\D*$/.exec(id)?.[1];
  return digits !== undefined && Number(digits) % 2 === 0 ? 'check' : 'tune';
}

export function readGold(file: string): Gold[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Gold);
}

/** score.mjs's word folding. */
const words = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u2018\u2019\u201c\u201d]/g, "'")
    .replace(/[^a-z0-9₹$%]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

/** Whether a snippet holds 80% of a phrase's words. */
export function holds(snippet: string, phrase: string): boolean {
  const have = new Map<string, number>();
  for (const w of words(snippet)) have.set(w, (have.get(w) ?? 0) + 1);
  const want = words(phrase);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return want.length > 0 && found / want.length >= 0.8;
}

/** Every phrase that counts as a right answer to a question. */
export const phrasesOf = (g: Gold): string[] => [g.expect ?? [], ...(g.alt ?? []).map((a) => a.expect)].flat();
