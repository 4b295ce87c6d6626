import type { Passage } from '../corpus/types.js';
import { type AnswerabilityEvidence, answerability } from './answerability.js';
import { FIELD_BOOSTS, type SearchIndex } from './buildIndex.js';
import { cutCandidates, searchedOnce } from './candidateCut.js';
import { parseQuery, QUERY_FEATURES, type QueryConcept, type QueryFeature } from './query.js';

/**
 * The decline floor: how likely (answerability.ts) it must be that the best passage answers the question. That
 * estimate grows with the share of the question's weight (its words weighted by how much they say) the passage
 * covers: a rare word the corpus lacks weighs the most, so "how do I get VPN access" cannot ride on "access"; an
 * everyday word it lacks ("actually", "tho") weighs next to nothing. Chosen with the model, on the same tune
 * questions, as the floor that best meets both goals (answered >= 0.90, declined >= 0.85); see README.
 */
export const DECLINE_FLOOR = 0.59;
/**
 * Without the model (`--ablate answerability`), the floor on the best passage's coverage alone that served before it:
 * what the ablation compares with.
 */
const COVERAGE_FLOOR = 0.45;
/**
 * Passages after the first are shown when the model (answerability.ts) gives them at least this likelihood of
 * answering: runners-up, held to half the floor the first one met (tuned: hit@3 is flat from 0.15 to 0.4).
 */
const SHOWN_LIKELIHOOD_MIN = 0.3;
/** Passages a declined ranking still names as closest (their headings become "did you mean" topics). */
const CLOSEST_MAX = 8;
/** Passages after the first must score at least this share of the first's score to be shown. */
export const RELATIVE_FLOOR = 0.15;
/**
 * A passage is "about" the question when its own heading names the question's ideas ("DevOps Developer") or its
 * text opens with them ("Kubernetes is…"); such passages are multiplied by up to 1 + this.
 */
export const ABOUTNESS_BONUS = 0.75;
/** Extra weight for a heading that holds two ideas of the question side by side, in the question's order. */
export const PHRASE_BONUS = 0.5;
/** How much a word still being typed counts when it matches as the start of a longer word ("kube" -> kubernetes). */
const PREFIX_CREDIT = 0.5;
/** How much a synonym match counts toward coverage. */
const SYNONYM_CREDIT = 0.7;
/** How much a corrected typo counts: a little less than the word itself, in case the typo was a word we lack. */
const CORRECTED_CREDIT = 0.9;

/** Parts of the ranking that can be switched off, to measure what each adds (`npm run eval -- --ablate`). */
export const RANKING_FEATURES = [...QUERY_FEATURES, 'aboutness', 'comparisonSides', 'answerability'] as const;
export type RankingFeature = (typeof RANKING_FEATURES)[number];

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
  /** When declined: the passages that came closest, best first, for "did you mean" topics. */
  closest: Passage[];
  /**
   * How likely it is that the first passage answers the question, 0..1 (answerability.ts): what the decline floor
   * is compared with. Its meaning is the same for every question, so one floor serves all.
   */
  confidence: number;
  /** What the confidence was estimated from (the first passage's coverage; 0 when nothing matched). */
  evidence: AnswerabilityEvidence;
}

interface TermHit {
  score: number;
  /** Document terms matched (the term itself, or its fuzzy/prefix neighbours) and their fields. */
  match: Record<string, string[]>;
}

/**
 * Every passage a single query term matches, with its BM25 score over heading, context and text. A term the corpus
 * lacks matches nothing and is not searched (typos were corrected before; see query.ts), except as the start of a
 * word while the question is still being typed.
 */
function searchTerm(index: SearchIndex, term: string, prefix: boolean): Map<number, TermHit> {
  if (!prefix && !index.documentFrequency.has(term)) return new Map();
  const results = index.miniSearch.search(term, prefix ? PREFIX_SEARCH : EXACT_SEARCH);
  const hits = new Map<number, TermHit>();
  for (const r of results) hits.set(r.id as number, { score: r.score, match: r.match });
  return hits;
}

/**
 * Matches of one term are the same for every question on an index (it never changes once built), and the same
 * terms recur question after question ("backend", "developer", "database"): they are remembered per index, up to
 * HIT_MEMO_MAX_ENTRIES passage matches in all, then forgotten wholesale.
 */
const HIT_MEMO_MAX_ENTRIES = 200_000;
const hitMemos = new WeakMap<SearchIndex, { terms: Map<string, Map<number, TermHit>>; entries: number }>();

function exactHits(index: SearchIndex, term: string): Map<number, TermHit> {
  let memo = hitMemos.get(index);
  if (!memo) hitMemos.set(index, (memo = { terms: new Map(), entries: 0 }));
  let found = memo.terms.get(term);
  if (!found) {
    found = searchTerm(index, term, false);
    if (memo.entries + found.size > HIT_MEMO_MAX_ENTRIES) {
      memo.terms.clear();
      memo.entries = 0;
    }
    memo.terms.set(term, found);
    memo.entries += found.size;
  }
  return found;
}

/** One index term, already processed, searched as it is: options made once, not per search. */
const EXACT_SEARCH = {
  tokenize: (term: string) => [term],
  processTerm: (term: string) => term,
  boost: { ...FIELD_BOOSTS },
  prefix: false,
  weights: { fuzzy: 0, prefix: PREFIX_CREDIT },
};
const PREFIX_SEARCH = { ...EXACT_SEARCH, prefix: true };

export interface RankingOptions {
  /** Parts of the ranking to switch off (for measuring what each adds); all are on by default. */
  without?: readonly RankingFeature[];
  /** The question is still being typed (autocomplete): its last word may be unfinished and matches as a prefix. */
  typing?: boolean;
}

/**
 * Ranks passages for a question. Each idea of the question scores by its best form (the word typed, a corrected
 * typo, the start of a word being typed, or a synonym, never their sum), so synonyms widen recall without outranking the
 * exact wording. Scores are then scaled by coverage (how much of the question's weight a passage matches) and by
 * whether the passage's own heading names those ideas. Declines when even the best passage covers too little.
 */
export function rankPassages(index: SearchIndex, question: string, options: RankingOptions = {}): Ranking {
  const without = options.without ?? [];
  const queryFeaturesOff = without.filter((f): f is QueryFeature => (QUERY_FEATURES as readonly string[]).includes(f));
  const query = parseQuery(question, index, queryFeaturesOff, options.typing ?? false);
  const { concepts } = query;
  if (concepts.length === 0) {
    const evidence = { coverage: 0, heaviestShare: 0, ideas: 0 };
    return { concepts, passages: [], declined: true, closest: [], confidence: 0, evidence };
  }

  const hits = searchedOnce((term: string, prefix: boolean) =>
    prefix ? searchTerm(index, term, true) : exactHits(index, term),
  );
  const weights = concepts.map((c) => c.weight);
  const questionWeight = weights.reduce((a, b) => a + b, 0);
  const totalWeight = questionWeight + query.internalWeight;
  const candidates = cutCandidates(index, concepts, hits, totalWeight);

  interface Tally {
    bm25: number;
    covered: number;
    headed: number;
    concepts: Set<number>;
    terms: Map<string, MatchedTerm>;
  }
  const tallies = new Map<number, Tally>();
  const tally = (id: number) => {
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = { bm25: 0, covered: 0, headed: 0, concepts: new Set(), terms: new Map() }));
    return t;
  };

  concepts.forEach((concept, i) => {
    const best = new Map<number, { score: number; credit: number; inHeading: boolean; terms: string[] }>();
    const typedCredit = concept.kind === 'corrected' ? CORRECTED_CREDIT : 1;
    const consider = (term: string, weight: number, typed: boolean) => {
      for (const [id, hit] of hits(term, typed && concept.prefix)) {
        if (candidates && !candidates.has(id)) continue;
        // An exact search matches the term itself; only a prefix search finds other words.
        const docTerms = concept.prefix && typed ? Object.keys(hit.match) : [term];
        const exact = docTerms.includes(term);
        const credit = typed ? (exact ? typedCredit : PREFIX_CREDIT) : SYNONYM_CREDIT;
        const score = hit.score * weight;
        const previous = best.get(id);
        if (!previous || score > previous.score) {
          const inHeading = docTerms.some((t) => hit.match[t]!.includes('heading'));
          best.set(id, { score, credit: Math.max(credit, previous?.credit ?? 0), inHeading, terms: docTerms });
        }
      }
    };
    consider(concept.term, 1, true);
    // A synonym the corpus never uses cannot match: not searched at all.
    for (const v of concept.variants) if (index.documentFrequency.has(v.term)) consider(v.term, v.weight, false);
    for (const [id, b] of best) {
      const t = tally(id);
      t.bm25 += b.score * concept.emphasis;
      t.covered += b.credit * weights[i]!;
      t.concepts.add(i);
      if (b.inHeading) t.headed += b.credit * weights[i]!;
      for (const term of b.terms) if (!t.terms.has(term)) t.terms.set(term, { concept: i, weight: weights[i]! });
    }
  });

  const aboutness = !without.includes('aboutness');
  const ranked: (RankedPassage & { concepts: Set<number> })[] = [];
  for (const [id, t] of tallies) {
    const share = (w: number) => (totalWeight > 0 ? w / totalWeight : 0);
    const coverage = share(t.covered);
    let about = 0;
    if (aboutness) {
      const lead = index.leadTerms[id]!;
      let leadWeight = 0;
      concepts.forEach((c, i) => {
        if (lead.includes(c.term)) leadWeight += weights[i]!;
      });
      // Two ideas of the question side by side in the heading ("Security Developer") name its subject exactly.
      const heading = index.headingTerms[id]!;
      let phraseWeight = 0;
      for (let i = 0; i + 1 < concepts.length; i++) {
        const at = heading.indexOf(concepts[i]!.term);
        if (at >= 0 && heading[at + 1] === concepts[i + 1]!.term) phraseWeight += weights[i]! + weights[i + 1]!;
      }
      about =
        (1 + ABOUTNESS_BONUS * Math.max(share(t.headed), share(leadWeight))) * (1 + PHRASE_BONUS * share(phraseWeight));
    }
    ranked.push({
      passage: index.corpus.passages[id]!,
      score: t.bm25 * (0.1 + coverage) ** 3 * (aboutness ? about : 1),
      coverage,
      matchedTerms: t.terms,
      concepts: t.concepts,
    });
  }
  ranked.sort((a, b) => b.score - a.score || a.passage.position - b.passage.position);

  const best = ranked[0];
  // The passage shown first is the answer: how likely it answers the question decides whether to answer at all.
  const evidence: AnswerabilityEvidence = {
    coverage: best?.coverage ?? 0,
    heaviestShare: totalWeight > 0 ? Math.max(...weights) / totalWeight : 0,
    ideas: concepts.length,
  };
  const modelled = !without.includes('answerability');
  const confidence = best ? (modelled ? answerability(evidence) : evidence.coverage) : 0;
  if (!best || confidence < (modelled ? DECLINE_FLOOR : COVERAGE_FLOOR)) {
    return {
      concepts,
      passages: [],
      declined: true,
      closest: ranked.slice(0, CLOSEST_MAX).map((r) => r.passage),
      confidence,
      evidence,
    };
  }

  const seenText = new Set<string>();
  const kept = ranked.filter((r) => {
    if (
      r !== best &&
      (r.score < best.score * RELATIVE_FLOOR ||
        answerability({ ...evidence, coverage: r.coverage }) < SHOWN_LIKELIHOOD_MIN)
    )
      return false;
    const key = r.passage.text.toLowerCase().replace(/\W+/g, ' ').trim();
    if (seenText.has(key)) return false;
    seenText.add(key);
    return true;
  });
  if (query.sides && !without.includes('comparisonSides')) bringBothSides(kept, query.sides, ranked);
  const passages = kept.map(({ concepts: _, ...r }) => r);
  return { concepts, passages, declined: false, closest: [], confidence, evidence };
}

/** Passages shown at once; a comparison's second side must land among them. */
const SIDE_WINDOW = 3;

/**
 * A comparison answered by one side only ("frontend vs backend" answered with a backend passage): the best
 * passage that speaks to the missing side moves up into the first answers, second place.
 */
function bringBothSides<T extends { concepts: Set<number>; score: number }>(
  kept: T[],
  sides: [number[], number[]],
  ranked: T[],
): void {
  const top = kept.slice(0, SIDE_WINDOW);
  const speaksTo = (r: T, side: number[]) => side.some((i) => r.concepts.has(i));
  for (const side of sides) {
    if (top.some((r) => speaksTo(r, side))) continue;
    const other = kept.find((r) => speaksTo(r, side)) ?? ranked.find((r) => speaksTo(r, side) && r.score > 0);
    if (!other) continue;
    const at = kept.indexOf(other);
    if (at >= 0) kept.splice(at, 1);
    kept.splice(Math.min(1, kept.length), 0, other);
  }
}
