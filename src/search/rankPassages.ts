import type { Passage } from '../corpus/types.js';
import { type AnswerabilityEvidence, answerability } from './answerability.js';
import type { SearchIndex } from './buildIndex.js';
import { cutCandidates, searchedOnce } from './candidateCut.js';
import { exactHits, PREFIX_CREDIT, prefixHits } from './termHits.js';
import { parseQuery, QUERY_FEATURES, type QueryConcept, type QueryFeature } from './query.js';

/**
 * The decline floor: how likely (answerability.ts) it must be that the best passage answers the question. That
 * estimate grows with the share of the question's weight (its words weighted by how much they say) the passage
 * covers: a rare word the corpus lacks weighs the most, so "how do I get VPN access" cannot ride on "access"; an
 * everyday word it lacks ("actually", "tho") weighs next to nothing. Chosen with the model, on the same tune
 * questions, as the floor that best meets both goals (answered >= 0.90, declined >= 0.85); see README.
 */
export const DECLINE_FLOOR = 0.62;
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
/** How much a synonym match counts toward coverage. */
const SYNONYM_CREDIT = 0.7;

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
    prefix ? prefixHits(index, term) : exactHits(index, term),
  );
  const weights = concepts.map((c) => c.weight);
  const questionWeight = weights.reduce((a, b) => a + b, 0);
  const totalWeight = questionWeight + query.internalWeight;
  const candidates = cutCandidates(index, concepts, hits, totalWeight);
  const s = scratchFor(index.corpus.passages.length);
  const asked = ++s.stamp;
  /** Passage ids in the order first matched: the last tie-break, as in a stable sort of that order. */
  const touched: number[] = [];
  /** Per idea: the index terms a passage matched it with, from the form that won there. */
  const formTerms: ((form: number) => readonly string[])[] = [];

  concepts.forEach((concept, i) => {
    const mark = ++s.stamp;
    /** Passages this idea matches, in the order first matched. */
    const matched: number[] = [];
    // A synonym the corpus never uses cannot match: not searched at all.
    const searched = [
      { term: concept.term, weight: 1 },
      ...concept.variants.filter((v) => index.documentFrequency.has(v.term)),
    ];
    // Each idea scores by its best form (the word, or one synonym), never their sum.
    searched.forEach(({ term, weight }, form) => {
      const typed = form === 0;
      const found = hits(term, typed && concept.prefix);
      const { ids, scores, inHeading, docTerms } = found;
      for (let j = 0; j < found.size; j++) {
        const id = ids[j]!;
        if (candidates && candidates[id] === 0) continue;
        // An exact search matches the term itself; only a prefix search finds other words.
        const exact = docTerms === undefined || docTerms[j]!.includes(term);
        // A corrected typo counts as the word: a tenth less cost typo questions their answer and declined none more.
        const credit = typed ? (exact ? 1 : PREFIX_CREDIT) : SYNONYM_CREDIT;
        const score = scores[j]! * weight;
        if (s.seen[id] !== mark) {
          s.seen[id] = mark;
          s.bestCredit[id] = 0;
          matched.push(id);
        } else if (!(score > s.bestScore[id]!)) continue;
        s.bestScore[id] = score;
        s.bestCredit[id] = Math.max(credit, s.bestCredit[id]!);
        s.bestHeading[id] = inHeading[j]!;
        s.bestForm[id] = docTerms === undefined ? form : -1 - j;
      }
    });
    const forms = s.forms[i] ?? (s.forms[i] = new Int32Array(s.size));
    const credited = weights[i]!;
    for (const id of matched) {
      if (s.question[id] !== asked) {
        s.question[id] = asked;
        s.bm25[id] = 0;
        s.covered[id] = 0;
        s.headed[id] = 0;
        s.concepts[id] = 0;
        s.leadWeight[id] = 0;
        s.phraseWeight[id] = 0;
        touched.push(id);
      }
      s.bm25[id]! += s.bestScore[id]! * concept.emphasis;
      s.covered[id]! += s.bestCredit[id]! * credited;
      s.concepts[id]! |= 1 << i;
      if (s.bestHeading[id]) s.headed[id]! += s.bestCredit[id]! * credited;
      forms[id] = s.bestForm[id]!;
    }
    formTerms[i] = (form) => (form >= 0 ? [searched[form]!.term] : hits(concept.term, true).docTerms![-1 - form]!);
  });

  const aboutness = !without.includes('aboutness');
  if (aboutness) {
    const subjects = subjectsOf(index);
    concepts.forEach((c, i) => {
      for (const id of subjects.lead.get(c.term) ?? NONE)
        if (s.question[id] === asked) s.leadWeight[id]! += weights[i]!;
    });
    // Two ideas of the question side by side in the heading ("Security Developer") name its subject exactly.
    for (let i = 0; i + 1 < concepts.length; i++) {
      const { term } = concepts[i]!;
      for (const id of subjects.heading.get(term) ?? NONE) {
        if (s.question[id] !== asked) continue;
        const heading = index.headingTerms[id]!;
        if (heading[heading.indexOf(term) + 1] === concepts[i + 1]!.term)
          s.phraseWeight[id]! += weights[i]! + weights[i + 1]!;
      }
    }
  }
  const share = (w: number) => (totalWeight > 0 ? w / totalWeight : 0);
  const count = touched.length;
  const score = new Float64Array(count);
  const coverage = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    const id = touched[n]!;
    coverage[n] = share(s.covered[id]!);
    const about = aboutness
      ? (1 + ABOUTNESS_BONUS * Math.max(share(s.headed[id]!), share(s.leadWeight[id]!))) *
        (1 + PHRASE_BONUS * share(s.phraseWeight[id]!))
      : 1;
    score[n] = s.bm25[id]! * (0.1 + coverage[n]!) ** 3 * about;
  }
  const passages = index.corpus.passages;
  // Best first; equal scores by position in the document, then in the order first matched.
  const before = (a: number, b: number) =>
    score[b]! - score[a]! || passages[touched[a]!]!.position - passages[touched[b]!]!.position || a - b;
  /** The first passage, in ranked order, of those `wanted` keeps. */
  const firstOf = (wanted: (n: number) => boolean) => {
    let first = -1;
    for (let n = 0; n < count; n++) if (wanted(n) && (first < 0 || before(n, first) < 0)) first = n;
    return first;
  };

  const best = firstOf(() => true);
  // The passage shown first is the answer: how likely it answers the question decides whether to answer at all.
  const evidence: AnswerabilityEvidence = {
    coverage: best >= 0 ? coverage[best]! : 0,
    heaviestShare: totalWeight > 0 ? Math.max(...weights) / totalWeight : 0,
    ideas: concepts.length,
  };
  const modelled = !without.includes('answerability');
  const confidence = best >= 0 ? (modelled ? answerability(evidence) : evidence.coverage) : 0;
  if (best < 0 || confidence < (modelled ? DECLINE_FLOOR : COVERAGE_FLOOR)) {
    const closest = firstFew(count, CLOSEST_MAX, before).map((n) => passages[touched[n]!]!);
    return { concepts, passages: [], declined: true, closest, confidence, evidence };
  }

  const shown: number[] = [];
  for (let n = 0; n < count; n++) {
    const runnerUp =
      score[n]! >= score[best]! * RELATIVE_FLOOR &&
      answerability({ ...evidence, coverage: coverage[n]! }) >= SHOWN_LIKELIHOOD_MIN;
    if (n === best || runnerUp) shown.push(n);
  }
  shown.sort(before);
  const kept = withoutRepeatedText(index, shown, (n) => touched[n]!);
  if (query.sides && !without.includes('comparisonSides')) {
    const speaksTo = (n: number, side: number[]) => side.some((i) => (s.concepts[touched[n]!]! & (1 << i)) !== 0);
    bringBothSides(kept, query.sides, speaksTo, (side) => firstOf((n) => speaksTo(n, side) && score[n]! > 0));
  }
  return {
    concepts,
    passages: kept.map((n) => {
      const id = touched[n]!;
      const matchedTerms = new Map<string, MatchedTerm>();
      for (let i = 0; i < concepts.length; i++) {
        if ((s.concepts[id]! & (1 << i)) === 0) continue;
        for (const term of formTerms[i]!(s.forms[i]![id]!)) {
          if (!matchedTerms.has(term)) matchedTerms.set(term, { concept: i, weight: weights[i]! });
        }
      }
      return { passage: passages[id]!, score: score[n]!, coverage: coverage[n]!, matchedTerms };
    }),
    declined: false,
    closest: [],
    confidence,
    evidence,
  };
}

/** Passages shown at once; a comparison's second side must land among them. */
const SIDE_WINDOW = 3;

/**
 * A comparison answered by one side only ("frontend vs backend" answered with a backend passage): the best
 * passage that speaks to the missing side moves up into the first answers, second place. `kept` holds the shown
 * passages, best first; `bestOf` finds the best of all ranked passages that speaks to a side (-1 for none).
 */
function bringBothSides(
  kept: number[],
  sides: [number[], number[]],
  speaksTo: (passage: number, side: number[]) => boolean,
  bestOf: (side: number[]) => number,
): void {
  const top = kept.slice(0, SIDE_WINDOW);
  for (const side of sides) {
    if (top.some((r) => speaksTo(r, side))) continue;
    const other = kept.find((r) => speaksTo(r, side)) ?? bestOf(side);
    if (other < 0) continue;
    const at = kept.indexOf(other);
    if (at >= 0) kept.splice(at, 1);
    kept.splice(Math.min(1, kept.length), 0, other);
  }
}

/** Text as de-duplication compares it: case and punctuation aside, "Node.js" and "node js" are the same passage. */
function comparableText(text: string): string {
  return text.toLowerCase().replace(/\W+/g, ' ').trim();
}

/** Per index: a hash of each passage's comparable text, computed the first time the passage is shown (0 = not yet). */
const textHashes = new WeakMap<SearchIndex, Int32Array>();

function textHash(index: SearchIndex, id: number): number {
  let hashes = textHashes.get(index);
  if (!hashes) textHashes.set(index, (hashes = new Int32Array(index.corpus.passages.length)));
  // Never 0, so that 0 can mean "not computed".
  if (hashes[id] === 0) hashes[id] = comparableHash(index.corpus.passages[id]!.text) || 1;
  return hashes[id]!;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a of comparableText(text). An ASCII text, most of them, is hashed as it is read, without building the
 * lowercased copy; other texts are lowercased first, as some letters lowercase to ASCII ones.
 */
function comparableHash(text: string): number {
  let h = FNV_OFFSET;
  let gap = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return hashOf(comparableText(text));
    const upper = c >= 0x41 && c <= 0x5a;
    if (upper || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f) {
      // A run of non-word characters is one space, and none at either end (the trim).
      if (gap && started) h = Math.imul(h ^ 0x20, FNV_PRIME);
      h = Math.imul(h ^ (upper ? c + 0x20 : c), FNV_PRIME);
      gap = false;
      started = true;
    } else gap = true;
  }
  return h;
}

function hashOf(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * The passages, in order, without a later one whose text repeats an earlier one's (a paragraph quoted in two
 * documents): hashes memoized per passage, the texts compared only when hashes agree.
 */
function withoutRepeatedText<T>(index: SearchIndex, ranked: readonly T[], idOf: (r: T) => number): T[] {
  const seen = new Map<number, number[]>();
  return ranked.filter((r) => {
    const id = idOf(r);
    const hash = textHash(index, id);
    const same = seen.get(hash);
    if (same) {
      const text = comparableText(index.corpus.passages[id]!.text);
      if (same.some((other) => comparableText(index.corpus.passages[other]!.text) === text)) return false;
      same.push(id);
    } else seen.set(hash, [id]);
    return true;
  });
}

/** The first `k` of `count` items in the order `before` gives, without sorting them all. */
function firstFew(count: number, k: number, before: (a: number, b: number) => number): number[] {
  const few: number[] = [];
  for (let n = 0; n < count; n++) {
    if (few.length === k && before(n, few[k - 1]!) >= 0) continue;
    let at = few.length === k ? k - 1 : few.length;
    while (at > 0 && before(n, few[at - 1]!) < 0) {
      few[at] = few[at - 1]!;
      at--;
    }
    few[at] = n;
  }
  return few;
}

const NONE = new Int32Array(0);

/** For each index term, the passages whose lead terms hold it, and those whose heading does: for aboutness. */
interface Subjects {
  lead: Map<string, Int32Array>;
  heading: Map<string, Int32Array>;
}
const subjects = new WeakMap<SearchIndex, Subjects>();

function subjectsOf(index: SearchIndex): Subjects {
  let found = subjects.get(index);
  if (!found) subjects.set(index, (found = { lead: invert(index.leadTerms), heading: invert(index.headingTerms) }));
  return found;
}

/** Term -> ids of the lists holding it, each id once. */
function invert(lists: readonly (readonly string[])[]): Map<string, Int32Array> {
  const ids = new Map<string, number[]>();
  lists.forEach((terms, id) => {
    terms.forEach((term, k) => {
      if (terms.indexOf(term) !== k) return;
      const list = ids.get(term);
      if (list) list.push(id);
      else ids.set(term, [id]);
    });
  });
  return new Map([...ids].map(([term, list]) => [term, Int32Array.from(list)]));
}

interface Scratch {
  size: number;
  /** Stamps one question, and each idea of it, so that no array needs clearing between them. */
  stamp: number;
  /** The idea stamp of each passage's best form below; `question`: the question stamp of its tallies. */
  seen: Int32Array;
  question: Int32Array;
  bestScore: Float64Array;
  bestCredit: Float64Array;
  bestHeading: Uint8Array;
  /** Which form won: its index among the searched terms, or -1 - hit for a prefix match. */
  bestForm: Int32Array;
  bm25: Float64Array;
  covered: Float64Array;
  headed: Float64Array;
  /** Weight of the question's ideas among the passage's lead terms, and in phrases of its heading (aboutness). */
  leadWeight: Float64Array;
  phraseWeight: Float64Array;
  /** Bit i set: idea i matched the passage. */
  concepts: Int32Array;
  /** Per idea: bestForm as it stood when the idea was done. Read only where the idea's bit is set. */
  forms: Int32Array[];
}
let scratch: Scratch | undefined;

/** Arrays by passage id, reused from question to question while the corpus size stays the same. */
function scratchFor(size: number): Scratch {
  if (scratch?.size !== size || scratch.stamp > 2 ** 30) {
    scratch = {
      size,
      stamp: 0,
      seen: new Int32Array(size),
      question: new Int32Array(size),
      bestScore: new Float64Array(size),
      bestCredit: new Float64Array(size),
      bestHeading: new Uint8Array(size),
      bestForm: new Int32Array(size),
      bm25: new Float64Array(size),
      covered: new Float64Array(size),
      headed: new Float64Array(size),
      leadWeight: new Float64Array(size),
      phraseWeight: new Float64Array(size),
      concepts: new Int32Array(size),
      forms: [],
    };
  }
  return scratch;
}
