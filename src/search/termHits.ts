import { LRUCache } from 'lru-cache';
import type MiniSearch from 'minisearch';
import { FIELD_BOOSTS, type SearchIndex } from './buildIndex.js';

/**
 * Every passage one index term matches, as parallel typed arrays in the order MiniSearch's `search` returns them
 * (best score first, ties in index order): one small object per term instead of one result object, one `match`
 * record and one map entry per passage.
 */
export interface TermHits {
  readonly size: number;
  /** Passage ids (positions in the corpus's passages). */
  readonly ids: Int32Array;
  /** BM25 over heading, context and text, with the field boosts: `search`'s score. */
  readonly scores: Float64Array;
  /** 1 where a matched word is in the passage's heading. */
  readonly inHeading: Uint8Array;
  /** Prefix searches only (a word being typed): the corpus words each hit matched. Exact hits match the term. */
  readonly docTerms?: readonly (readonly string[])[];
}

const NO_HITS: TermHits = {
  size: 0,
  ids: new Int32Array(0),
  scores: new Float64Array(0),
  inHeading: new Uint8Array(0),
};

/** How much a word still being typed counts when it matches as the start of a longer word ("kube" -> kubernetes). */
export const PREFIX_CREDIT = 0.5;

/** One index term, already processed, searched as it is: options made once, not per search. */
const PREFIX_SEARCH = {
  tokenize: (term: string) => [term],
  processTerm: (term: string) => term,
  boost: { ...FIELD_BOOSTS },
  prefix: true,
  weights: { fuzzy: 0, prefix: PREFIX_CREDIT },
};

/**
 * The parts of MiniSearch 7's index that `search` scores a term from. They are not its public API, so
 * test/core/termHits.test.ts checks every term of the seed corpus against `search` itself: an upgrade that
 * changes them fails there, not in an answer.
 */
interface MiniSearchInternals {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _nextId: number;
  _dirtCount: number;
  _options: { searchOptions: { bm25: { k: number; b: number; d: number } } };
}

/** Per index: field lengths and ids as typed arrays, and scratch space, built on the first question. */
interface Postings {
  fields: { id: number; boost: number; average: number; heading: boolean }[];
  /** Field lengths by short id, `fields.length` per document. */
  lengths: Float64Array;
  /** Our passage id of each MiniSearch short id. */
  passageOf: Int32Array;
  documents: number;
  bm25: { k: number; b: number; d: number };
  /** Slot of a short id in the term being scored, -1 when not yet seen: reset after each term. */
  slotOf: Int32Array;
}
const postingsOf = new WeakMap<MiniSearch, Postings | null>();

function postings(miniSearch: MiniSearch): Postings | null {
  let p = postingsOf.get(miniSearch);
  if (p !== undefined) return p;
  const ms = miniSearch as unknown as MiniSearchInternals;
  // A discarded document stays in the posting lists until vacuumed, and `search` skips it: not worth copying.
  if (ms._dirtCount > 0) {
    postingsOf.set(miniSearch, null);
    return null;
  }
  const fields = Object.entries(FIELD_BOOSTS).map(([name, boost]) => {
    const id = ms._fieldIds[name]!;
    return { id, boost, average: ms._avgFieldLength[id]!, heading: name === 'heading' };
  });
  const lengths = new Float64Array(ms._nextId * fields.length);
  const passageOf = new Int32Array(ms._nextId).fill(-1);
  for (const [shortId, id] of ms._documentIds) {
    passageOf[shortId] = id as number;
    const length = ms._fieldLength.get(shortId)!;
    fields.forEach((f, k) => {
      lengths[shortId * fields.length + k] = length[f.id]!;
    });
  }
  p = {
    fields,
    lengths,
    passageOf,
    documents: ms._documentCount,
    bm25: ms._options.searchOptions.bm25,
    slotOf: new Int32Array(ms._nextId).fill(-1),
  };
  postingsOf.set(miniSearch, p);
  return p;
}

/**
 * The hits of one index term, scored from MiniSearch's posting lists exactly as its `search(term)` scores them
 * (same BM25, same order of additions, so the same floating-point scores and the same order), without building
 * its result objects: on a large corpus a broad word matches most passages, and those objects were most of a
 * question's cost.
 */
function scoreFromPostings(index: SearchIndex, p: Postings, term: string): TermHits {
  const data = (index.miniSearch as unknown as MiniSearchInternals)._index.get(term);
  if (!data) return NO_HITS;
  let capacity = 0;
  for (const f of p.fields) capacity += data.get(f.id)?.size ?? 0;
  const shortIds = new Int32Array(capacity);
  const scores = new Float64Array(capacity);
  const heading = new Uint8Array(capacity);
  const { k, b, d } = p.bm25;
  const width = p.fields.length;
  let size = 0;
  p.fields.forEach((field, f) => {
    const freqs = data.get(field.id);
    if (!freqs) return;
    // MiniSearch's calcBM25Score, term by term in the same order, so the sums round the same way.
    const matching = freqs.size;
    const idf = Math.log(1 + (p.documents - matching + 0.5) / (matching + 0.5));
    for (const [shortId, termFreq] of freqs) {
      const fieldLength = p.lengths[shortId * width + f]!;
      const raw = idf * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / field.average)));
      const weighted = field.boost * raw;
      let slot = p.slotOf[shortId]!;
      if (slot < 0) {
        slot = size++;
        p.slotOf[shortId] = slot;
        shortIds[slot] = shortId;
        scores[slot] = weighted;
      } else scores[slot]! += weighted;
      if (field.heading) heading[slot] = 1;
    }
  });
  for (let i = 0; i < size; i++) p.slotOf[shortIds[i]!] = -1;
  const order = stableOrderByScore(scores.subarray(0, size));
  const hits = { size, ids: new Int32Array(size), scores: new Float64Array(size), inHeading: new Uint8Array(size) };
  for (let i = 0; i < size; i++) {
    const slot = order[i]!;
    hits.ids[i] = p.passageOf[shortIds[slot]!]!;
    hits.scores[i] = scores[slot]!;
    hits.inHeading[i] = heading[slot]!;
  }
  return hits;
}

/**
 * Positions of `scores` from highest to lowest, equal scores in their order: the order of MiniSearch's stable sort,
 * found with the engine's native numeric sort instead of a comparator called n log n times (a broad word on a large
 * corpus has tens of thousands of hits).
 */
function stableOrderByScore(scores: Float64Array): Int32Array {
  const size = scores.length;
  const sorted = scores.slice().sort();
  // Where each distinct score's run starts in the descending order.
  const runStart = new Map<number, number>();
  for (let i = size - 1, at = 0; i >= 0; i--, at++)
    if (i === size - 1 || sorted[i] !== sorted[i + 1]) runStart.set(sorted[i]!, at);
  const order = new Int32Array(size);
  for (let slot = 0; slot < size; slot++) {
    const at = runStart.get(scores[slot]!)!;
    order[at] = slot;
    runStart.set(scores[slot]!, at + 1);
  }
  return order;
}

/** The same hits through `search` itself (an index with discarded documents). */
function searchExact(index: SearchIndex, term: string): TermHits {
  const results = index.miniSearch.search(term, { ...PREFIX_SEARCH, prefix: false });
  return {
    size: results.length,
    ids: Int32Array.from(results, (r) => r.id as number),
    scores: Float64Array.from(results, (r) => r.score),
    inHeading: Uint8Array.from(results, (r) => (r.match[term]!.includes('heading') ? 1 : 0)),
  };
}

/**
 * Matches of one term are the same for every question on an index (it never changes once built), and the same
 * terms recur question after question ("backend", "developer", "database"): they are remembered per index, up to
 * HIT_MEMO_MAX_ENTRIES passage matches in all (about 13 bytes each), the least recently asked forgotten first.
 */
export const HIT_MEMO_MAX_ENTRIES = 1_000_000;
const hitMemos = new WeakMap<SearchIndex, LRUCache<string, TermHits>>();

/**
 * Every passage an index term matches, exactly. A term the corpus lacks matches nothing and is not searched (typos
 * were corrected before; see query.ts).
 */
export function exactHits(index: SearchIndex, term: string): TermHits {
  if (!index.documentFrequency.has(term)) return NO_HITS;
  let memo = hitMemos.get(index);
  if (!memo) {
    memo = new LRUCache({ maxSize: HIT_MEMO_MAX_ENTRIES, sizeCalculation: (hits) => Math.max(1, hits.size) });
    hitMemos.set(index, memo);
  }
  let found = memo.get(term);
  if (!found) {
    const p = postings(index.miniSearch);
    found = p ? scoreFromPostings(index, p, term) : searchExact(index, term);
    // A term matching more than the whole memo holds is not remembered (lru-cache refuses it).
    memo.set(term, found);
  }
  return found;
}

/** Every passage with a word that starts with `term` (a word still being typed), and the words it matched. */
export function prefixHits(index: SearchIndex, term: string): TermHits {
  const results = index.miniSearch.search(term, PREFIX_SEARCH);
  return {
    size: results.length,
    ids: Int32Array.from(results, (r) => r.id as number),
    scores: Float64Array.from(results, (r) => r.score),
    inHeading: Uint8Array.from(results, (r) => (Object.values(r.match).some((f) => f.includes('heading')) ? 1 : 0)),
    docTerms: results.map((r) => Object.keys(r.match)),
  };
}
