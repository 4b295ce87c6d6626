import type { RankedPassage, Ranking } from '../search/rankPassages.js';

/**
 * How sure the ranking is of its best passage, 0..1 (the share of the question's weight it covers): what the
 * decline floor and the channels' higher bar are compared with. Read in this one place so a rename of the
 * Ranking's field is a one-line change.
 */
export function rankingConfidence(ranking: Ranking): number {
  return ranking.bestCoverage;
}

/** The same measure over a subset of the ranked passages (a channel's corpus scope): its best coverage. */
export function passagesConfidence(passages: readonly RankedPassage[]): number {
  return passages.reduce((best, p) => Math.max(best, p.coverage), 0);
}
