/** Scores any system that answers a question with ranked snippets (or none: a decline) on a set of gold questions. */
import { holds, phrasesOf, type Gold } from './gold.js';

/** A system under test: the snippets it shows for a question, best first; empty means it declined. */
export type AnswerSnippets = (question: string) => string[];

export interface Figures {
  questions: number;
  hit1: number;
  hit3: number;
  mrr: number;
  answered: number;
  declined: number;
}

export interface Scored extends Figures {
  misses: string[];
  ms: number;
}

/** Rank (0-based) of the first snippet holding an expected phrase among the first five, or -1. */
export function hitRank(snippets: readonly string[], gold: Gold): number {
  const phrases = phrasesOf(gold);
  return snippets.slice(0, 5).findIndex((s) => s.length <= 700 && phrases.some((p) => holds(s, p)));
}

export function score(answer: AnswerSnippets, gold: readonly Gold[]): Scored {
  let inScope = 0;
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  let answered = 0;
  let outOfScope = 0;
  let declined = 0;
  const misses: string[] = [];
  const started = performance.now();
  for (const g of gold) {
    const snippets = answer(g.q);
    if (!g.expect) {
      outOfScope++;
      if (snippets.length === 0) declined++;
      else misses.push(`${g.id} answered out-of-scope: ${g.q}`);
      continue;
    }
    inScope++;
    if (snippets.length > 0) answered++;
    const rank = hitRank(snippets, g);
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank !== 0)
      misses.push(`${g.id} ${snippets.length === 0 ? 'declined' : `rank ${rank < 0 ? '-' : rank + 1}`}: ${g.q}`);
  }
  const share = (x: number, n: number) => (n ? x / n : 1);
  return {
    questions: gold.length,
    hit1: share(hit1, inScope),
    hit3: share(hit3, inScope),
    mrr: share(rr, inScope),
    answered: share(answered, inScope),
    declined: share(declined, outOfScope),
    misses,
    ms: performance.now() - started,
  };
}
