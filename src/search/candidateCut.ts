import type { SearchIndex } from './buildIndex.js';
import type { QueryConcept } from './query.js';
import type { TermHits } from './termHits.js';

/**
 * On a large corpus a broad word ("government" in 60,000 of 105,000 passages) makes ranking build a tally for most
 * of the corpus, for an answer of three passages. The cut keeps the CANDIDATES_MAX passages whose estimated score is
 * highest and lets ranking score only those, so its cost follows the answer, not the corpus.
 *
 * The estimate is the ranking's own score without its aboutness bonus: the BM25 contribution of each question idea
 * (its best form, as ranking takes it) times (0.1 + the share of the question's weight matched)³. It is found with
 * one pass over each searched term's matches into typed arrays, no object per passage. Below CANDIDATES_MAX matched
 * passages nothing is cut, so a corpus of a few thousand passages ranks exactly as without it.
 */

/** Passages ranking scores in full at most; the answer shows three, "did you mean" eight. */
export const CANDIDATES_MAX = 2_000;

/** Each passage a term matches, with its BM25 score: what ranking searches (see rankPassages). */
export type TermMatches = (term: string, prefix: boolean) => TermHits;

/** A question's searches, each term searched once although both the cut and ranking read its matches. */
export function searchedOnce<T>(search: (term: string, prefix: boolean) => T): (term: string, prefix: boolean) => T {
  const done = new Map<string, T>();
  return (term, prefix) => {
    const key = `${prefix ? '*' : ''}${term}`;
    let found = done.get(key);
    if (found === undefined) done.set(key, (found = search(term, prefix)));
    return found;
  };
}

/** Scratch arrays, reused from question to question while the corpus size stays the same. */
let scratch:
  | {
      size: number;
      bm25: Float64Array;
      covered: Float64Array;
      best: Float64Array;
      seen: Int32Array;
      /** Ids matched, in the order first matched; and those of the idea being tallied. */
      touched: Int32Array;
      ofConcept: Int32Array;
    }
  | undefined;

function arraysFor(size: number) {
  if (scratch?.size !== size) {
    scratch = {
      size,
      bm25: new Float64Array(size),
      covered: new Float64Array(size),
      best: new Float64Array(size),
      seen: new Int32Array(size),
      touched: new Int32Array(size),
      ofConcept: new Int32Array(size),
    };
  }
  return scratch;
}

/**
 * The passages worth ranking (1 at their ids, at most CANDIDATES_MAX of them), or undefined when every matched
 * passage is (CANDIDATES_MAX or fewer).
 * Searches what ranking searches for each idea (the word, and its synonyms the corpus has), through `matches`.
 * `totalWeight` is the question's weight as ranking counts it.
 */
export function cutCandidates(
  index: SearchIndex,
  ideas: readonly QueryConcept[],
  matches: TermMatches,
  totalWeight: number,
): Uint8Array | undefined {
  const concepts = ideas.map((c) => ({
    weight: c.weight,
    emphasis: c.emphasis,
    terms: [
      { hits: matches(c.term, c.prefix), weight: 1 },
      ...c.variants
        .filter((v) => index.documentFrequency.has(v.term))
        .map((v) => ({ hits: matches(v.term, false), weight: v.weight })),
    ],
  }));
  let matched = 0;
  for (const c of concepts) for (const t of c.terms) matched += t.hits.size;
  if (matched <= CANDIDATES_MAX) return undefined;

  const { bm25, covered, best, seen, touched, ofConcept } = arraysFor(index.corpus.passages.length);
  let count = 0;
  concepts.forEach((concept, i) => {
    const mark = i + 1;
    let matchedHere = 0;
    for (const term of concept.terms) {
      const { ids, scores, size } = term.hits;
      for (let j = 0; j < size; j++) {
        const id = ids[j]!;
        const score = scores[j]! * term.weight;
        if (seen[id] === mark) {
          if (score > best[id]!) best[id] = score;
          continue;
        }
        if (seen[id] === 0) touched[count++] = id;
        seen[id] = mark;
        best[id] = score;
        ofConcept[matchedHere++] = id;
      }
    }
    for (let k = 0; k < matchedHere; k++) {
      const id = ofConcept[k]!;
      bm25[id]! += best[id]! * concept.emphasis;
      covered[id]! += concept.weight;
    }
  });

  const estimates = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    const id = touched[n]!;
    const share = totalWeight > 0 ? covered[id]! / totalWeight : 0;
    estimates[n] = bm25[id]! * (0.1 + share) ** 3;
  }
  let kept: Uint8Array | undefined;
  if (count > CANDIDATES_MAX) {
    const threshold = estimates.slice().sort()[count - CANDIDATES_MAX]!;
    kept = new Uint8Array(bm25.length);
    for (let n = 0, chosen = 0; n < count && chosen < CANDIDATES_MAX; n++) {
      if (estimates[n]! >= threshold) {
        kept[touched[n]!] = 1;
        chosen++;
      }
    }
  }
  for (let n = 0; n < count; n++) {
    const id = touched[n]!;
    bm25[id] = 0;
    covered[id] = 0;
    seen[id] = 0;
  }
  return kept;
}
