import type { Passage } from '../corpus/types.js';
import { FIELD_BOOSTS, type SearchIndex } from './buildIndex.js';
import { parseQuery, type QueryConcept } from './query.js';

/**
 * The decline floor: the share of a question's weight (its words weighted by rarity) that the best passage must
 * cover. Words the corpus never uses weigh the most, so a question about pizza cannot ride on the word "best".
 * Calibrated on the gold questions (see README, "Answer quality").
 */
export const DECLINE_FLOOR = 0.45;
/** Passages after the first must score at least this share of the first's score to be shown. */
export const RELATIVE_FLOOR = 0.15;
/**
 * A passage is "about" the question when its own heading names the question's ideas ("DevOps Developer") or its
 * text opens with them ("Kubernetes is…"); such passages are multiplied by up to 1 + this.
 */
export const ABOUTNESS_BONUS = 1.5;
/** Extra weight for a heading that holds two ideas of the question side by side, in the question's order. */
export const PHRASE_BONUS = 0.5;
/** Only words this long (after stemming) are matched fuzzily; short words have too many neighbours. */
export const FUZZY_MIN_LENGTH = 6;
/** Words the corpus lacks that are at least this long also match as prefixes of words it has. */
export const UNKNOWN_PREFIX_MIN_LENGTH = 5;
/** How much a fuzzy or synonym match counts toward coverage: "kubernets" is surely Kubernetes, "later" is not "water". */
const FUZZY_CREDIT = 0.5;
const SYNONYM_CREDIT = 0.7;

export interface RankedPassage {
  passage: Passage;
  score: number;
  /** Share of the question's weight this passage matches, 0..1. */
  coverage: number;
  /**
   * Index terms of the passage that matched, each with the question idea it matched (its index in
   * Ranking.concepts) and that idea's weight: for choosing and marking the snippet.
   */
  matchedTerms: Map<string, MatchedTerm>;
}

export interface MatchedTerm {
  concept: number;
  weight: number;
}

export interface Ranking {
  concepts: QueryConcept[];
  /** Best first; empty when declined. */
  passages: RankedPassage[];
  declined: boolean;
  /** The highest coverage any passage reached: what the decline floor was compared with. */
  bestCoverage: number;
}

interface TermHit {
  score: number;
  /** Document terms matched (the term itself, or its fuzzy/prefix neighbours) and their fields. */
  match: Record<string, string[]>;
}

function idf(index: SearchIndex, term: string): number {
  const n = index.corpus.passages.length;
  const df = index.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Every passage a single query term matches, with its BM25 score over heading, context and text. */
function searchTerm(index: SearchIndex, term: string, concept: QueryConcept | undefined): Map<number, TermHit> {
  // Typo tolerance and prefixes are for words the corpus does not have ("specializ" finds "specialist"); a word
  // it has is matched as typed, which is also the fast path.
  const unknown = concept !== undefined && !index.documentFrequency.has(term);
  const fuzzy = unknown && term.length >= FUZZY_MIN_LENGTH ? 0.2 : false;
  const results = index.miniSearch.search(term, {
    tokenize: (t) => [t],
    processTerm: (t) => t,
    boost: { ...FIELD_BOOSTS },
    fuzzy,
    prefix: (concept?.prefix ?? false) || (unknown && term.length >= UNKNOWN_PREFIX_MIN_LENGTH),
    weights: { fuzzy: 0.35, prefix: 0.5 },
  });
  return new Map(results.map((r) => [r.id as number, { score: r.score, match: r.match }]));
}

/**
 * Ranks passages for a question. Each idea of the question scores by its best form (the word typed, a fuzzy or
 * prefix match, or a synonym, never their sum), so synonyms widen recall without outranking the exact wording.
 * Scores are then scaled by coverage (how much of the question a passage matches, weighted by rarity) and by
 * whether the passage's own heading names those ideas. Declines when even the best passage covers too little.
 */
export function rankPassages(index: SearchIndex, question: string): Ranking {
  const concepts = parseQuery(question);
  if (concepts.length === 0) return { concepts, passages: [], declined: true, bestCoverage: 0 };

  const hitsByTerm = new Map<string, Map<number, TermHit>>();
  const hits = (term: string, concept?: QueryConcept) => {
    let found = hitsByTerm.get(term);
    if (!found) hitsByTerm.set(term, (found = searchTerm(index, term, concept)));
    return found;
  };
  const weights = concepts.map((c) => idf(index, c.term));
  const totalWeight = weights.reduce((a, b) => a + b, 0);

  interface Tally {
    bm25: number;
    covered: number;
    headed: number;
    terms: Map<string, MatchedTerm>;
  }
  const tallies = new Map<number, Tally>();
  const tally = (id: number) => {
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = { bm25: 0, covered: 0, headed: 0, terms: new Map() }));
    return t;
  };

  concepts.forEach((concept, i) => {
    const best = new Map<number, { score: number; credit: number; inHeading: boolean; terms: string[] }>();
    const consider = (term: string, weight: number, conceptRef: QueryConcept | undefined) => {
      for (const [id, hit] of hits(term, conceptRef)) {
        const docTerms = Object.keys(hit.match);
        const exact = docTerms.includes(term) || docTerms.some((t) => t.startsWith(term));
        const credit = conceptRef ? (exact ? 1 : FUZZY_CREDIT) : SYNONYM_CREDIT;
        const score = hit.score * weight * (exact || !conceptRef ? 1 : FUZZY_CREDIT);
        const previous = best.get(id);
        if (!previous || score > previous.score) {
          const inHeading = docTerms.some((t) => hit.match[t]!.includes('heading'));
          best.set(id, { score, credit: Math.max(credit, previous?.credit ?? 0), inHeading, terms: docTerms });
        }
      }
    };
    consider(concept.term, 1, concept);
    for (const v of concept.variants) consider(v.term, v.weight, undefined);
    for (const [id, b] of best) {
      const t = tally(id);
      t.bm25 += b.score;
      t.covered += b.credit * weights[i]!;
      if (b.inHeading) t.headed += b.credit * weights[i]!;
      for (const term of b.terms) if (!t.terms.has(term)) t.terms.set(term, { concept: i, weight: weights[i]! });
    }
  });

  const ranked: RankedPassage[] = [];
  for (const [id, t] of tallies) {
    const coverage = totalWeight > 0 ? t.covered / totalWeight : 0;
    const headingCoverage = totalWeight > 0 ? t.headed / totalWeight : 0;
    const lead = index.leadTerms[id]!;
    let leadWeight = 0;
    concepts.forEach((c, i) => {
      if (lead.includes(c.term)) leadWeight += weights[i]!;
    });
    const leadCoverage = totalWeight > 0 ? leadWeight / totalWeight : 0;
    // Two ideas of the question side by side in the heading ("Security Developer") name its subject exactly.
    const heading = index.headingTerms[id]!;
    let phraseWeight = 0;
    for (let i = 0; i + 1 < concepts.length; i++) {
      const at = heading.indexOf(concepts[i]!.term);
      if (at >= 0 && heading[at + 1] === concepts[i + 1]!.term) phraseWeight += weights[i]! + weights[i + 1]!;
    }
    const phraseCoverage = totalWeight > 0 ? phraseWeight / totalWeight : 0;
    ranked.push({
      passage: index.corpus.passages[id]!,
      score:
        t.bm25 *
        (0.1 + coverage) ** 3 *
        (1 + ABOUTNESS_BONUS * Math.max(headingCoverage, leadCoverage)) *
        (1 + PHRASE_BONUS * phraseCoverage),
      coverage,
      matchedTerms: t.terms,
    });
  }
  ranked.sort((a, b) => b.score - a.score || a.passage.position - b.passage.position);

  const best = ranked[0];
  const bestCoverage = Math.max(0, ...ranked.map((r) => r.coverage));
  if (!best || bestCoverage < DECLINE_FLOOR) return { concepts, passages: [], declined: true, bestCoverage };

  const seenText = new Set<string>();
  const kept = ranked.filter((r) => {
    if (r.score < best.score * RELATIVE_FLOOR || r.coverage < DECLINE_FLOOR * 0.8) return false;
    const key = r.passage.text.toLowerCase().replace(/\W+/g, ' ').trim();
    if (seenText.has(key)) return false;
    seenText.add(key);
    return true;
  });
  return { concepts, passages: kept, declined: false, bestCoverage };
}
