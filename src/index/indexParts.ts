import MiniSearch from 'minisearch';
import type { ErrorCode } from '../errors.js';
import { MINISEARCH_OPTIONS, type IndexedPassage, type SearchIndex } from '../search/buildIndex.js';
import type { CorpusDocument } from '../corpus/types.js';

/**
 * Entries per message. Receiving a message is one uninterrupted task on the main thread (the structured clone is
 * undone there), so an index sent whole stalled every request for over a second; a thousand entries take a few ms.
 */
export const INDEX_PART_ENTRIES = 1_000;
/** Documents per message: each carries its whole Markdown body (up to 5 MB). */
export const INDEX_PART_DOCUMENTS = 10;
/** Postings per message of MiniSearch's term list: one common term alone lists thousands of passages. */
export const INDEX_PART_POSTINGS = 5_000;

/** Where a part's entries go: a field of the index, of its corpus, or of MiniSearch's serialized form. */
type Scope = 'index' | 'corpus' | 'miniSearch';
type Shape = 'array' | 'map' | 'object';

/** One message of an index sent in parts: a slice of one of its collections, or a scalar field. */
export type IndexPart =
  | { kind: 'entries'; scope: Scope; name: string; shape: Shape; entries: unknown[] }
  | { kind: 'value'; scope: Scope; name: string; value: unknown };

/** What the index worker posts: a part (then it waits for `next`), the end, or why there is no index. */
export type IndexWorkerMessage =
  | { kind: 'part'; part: IndexPart }
  | { kind: 'done' }
  | { kind: 'failed'; code: ErrorCode; message: string };

/** Rebuilt by the receiver from the documents, so not sent. */
const DERIVED = new Set(['documentsById']);

/** How many passages a serialized MiniSearch term entry (`[term, {fieldId: {docId: count}}]`) lists. */
function postingsOf(entry: unknown): number {
  const fields = (entry as [string, Record<string, Record<string, number>>])[1];
  let n = 1;
  for (const postings of Object.values(fields)) n += Object.keys(postings).length;
  return n;
}

/** Slices of at most `size` entries, and at most `budget` by `weight` when given (a heavy entry goes alone). */
function* slices(
  scope: Scope,
  name: string,
  shape: Shape,
  entries: unknown[],
  size: number,
  weighed?: { weight: (entry: unknown) => number; budget: number },
): Generator<IndexPart> {
  let start = 0;
  let load = 0;
  for (let i = 0; i < entries.length; i++) {
    load += weighed ? weighed.weight(entries[i]) : 0;
    if (i + 1 - start >= size || (weighed && load >= weighed.budget) || i + 1 === entries.length) {
      yield { kind: 'entries', scope, name, shape, entries: entries.slice(start, i + 1) };
      start = i + 1;
      load = 0;
    }
  }
  // An empty collection still has to exist on the other side.
  if (entries.length === 0) yield { kind: 'entries', scope, name, shape, entries: [] };
}

function* fieldParts(scope: Scope, fields: Record<string, unknown>): Generator<IndexPart> {
  for (const [name, value] of Object.entries(fields)) {
    if (DERIVED.has(name)) continue;
    const size = scope === 'corpus' && name === 'documents' ? INDEX_PART_DOCUMENTS : INDEX_PART_ENTRIES;
    const terms =
      scope === 'miniSearch' && name === 'index' ? { weight: postingsOf, budget: INDEX_PART_POSTINGS } : undefined;
    if (Array.isArray(value)) yield* slices(scope, name, 'array', value, size, terms);
    else if (value instanceof Map) yield* slices(scope, name, 'map', [...value], size);
    else if (typeof value === 'object' && value !== null)
      yield* slices(scope, name, 'object', Object.entries(value), size);
    else yield { kind: 'value', scope, name, value };
  }
}

/** The index as a sequence of small messages (worker side). Every collection is sliced, whatever fields it has. */
export function* indexParts(index: SearchIndex): Generator<IndexPart> {
  const { corpus, miniSearch, ...rest } = index;
  yield* fieldParts('corpus', { ...corpus });
  yield* fieldParts('miniSearch', { ...miniSearch.toJSON() });
  yield* fieldParts('index', rest);
}

/**
 * Puts an index back together from its parts (main-thread side), a slice per message so no step is long; MiniSearch
 * is then rebuilt with its own asynchronous loader, which yields to the event loop every thousand terms.
 */
export function createIndexAssembler() {
  const scopes: Record<Scope, Record<string, unknown>> = { index: {}, corpus: {}, miniSearch: {} };
  return {
    add(part: IndexPart): void {
      const fields = scopes[part.scope];
      if (part.kind === 'value') {
        fields[part.name] = part.value;
        return;
      }
      if (part.shape === 'array') {
        const list = (fields[part.name] ??= []) as unknown[];
        for (const entry of part.entries) list.push(entry);
      } else if (part.shape === 'map') {
        const map = (fields[part.name] ??= new Map()) as Map<unknown, unknown>;
        for (const [key, value] of part.entries as [unknown, unknown][]) map.set(key, value);
      } else {
        const object = (fields[part.name] ??= {}) as Record<string, unknown>;
        for (const [key, value] of part.entries as [string, unknown][]) object[key] = value;
      }
    },
    async finish(): Promise<SearchIndex> {
      const miniSearch = await MiniSearch.loadJSAsync<IndexedPassage>(
        scopes.miniSearch as unknown as Parameters<typeof MiniSearch.loadJSAsync>[0],
        { ...MINISEARCH_OPTIONS, fields: [...MINISEARCH_OPTIONS.fields] },
      );
      const corpus = scopes.corpus as unknown as SearchIndex['corpus'];
      const documentsById = new Map<string, CorpusDocument>(corpus.documents.map((d) => [d.id, d]));
      return {
        ...(scopes.index as Omit<SearchIndex, 'corpus' | 'miniSearch' | 'documentsById'>),
        corpus,
        miniSearch,
        documentsById,
      };
    },
  };
}
