/**
 * The contenders, behind one shape so every comparison runs them on the same passages and the same questions:
 * our full answer (retrieve, snippet, citation) and three search libraries used as their READMEs show, with
 * default options. The libraries return ranked ids only; answering a chat question needs more, which is why our
 * goal is "within 2x a raw MiniSearch query", not "as fast".
 */
import { Document as FlexDocument } from 'flexsearch';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import type { Corpus } from '../src/corpus/types.js';
import { buildIndex, type SearchIndex } from '../src/search/buildIndex.js';
import { deserializeIndex, serializeIndex } from '../src/index/serialize.js';

/** What each library indexes: the same three fields our index searches (heading, the headings above, text). */
export interface SearchDoc {
  id: number;
  heading: string;
  context: string;
  text: string;
}

/** Turns a corpus into the library documents; not timed (our own build does the equivalent inside its time). */
export function searchDocs(corpus: Corpus): SearchDoc[] {
  const titles = new Map(corpus.documents.map((d) => [d.id, d.meta.title]));
  return corpus.passages.map((p, id) => ({
    id,
    heading: p.sectionPath.at(-1) ?? '',
    context: [titles.get(p.docId) ?? '', ...p.sectionPath.slice(0, -1)].join('\n'),
    text: p.text,
  }));
}

/** One contender: build an index, query it, and round-trip it through its serialized form. */
export interface Engine {
  readonly name: string;
  /** Whether the serialized index holds the passages themselves (ours does; the libraries keep ids only). */
  readonly storesPassages: boolean;
  /** How the saved index is read back: as text (the libraries' JSON) or as bytes (our compressed file). */
  readonly savedAs: 'text' | 'bytes';
  /** Builds the index from the corpus (replacing any earlier one). */
  build(corpus: Corpus, docs: readonly SearchDoc[]): void;
  /** Answers or searches one question; the result is returned so the work cannot be skipped. */
  query(question: string): unknown;
  /**
   * The index as saved, the way the library documents persisting it: JSON text for the libraries, our own
   * compressed file for ours.
   */
  serialize(): string | Buffer;
  /** Replaces the index with one read from `serialize()`'s output (a string when it was one). */
  load(saved: string | Buffer): void;
}

/** Engine names, in table order. */
export const ENGINE_NAMES = ['answerQuestion (ours)', 'MiniSearch', 'lunr', 'FlexSearch'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** The index, once `build` or `load` has made one. */
function built<T>(index: T | undefined): T {
  if (index === undefined) throw new Error('build or load the index first');
  return index;
}

/** Our pipeline: buildIndex, answerQuestion (ranking, verbatim snippet, citation), serializeIndex. */
function ours(): Engine {
  let index: SearchIndex | undefined;
  return {
    name: 'answerQuestion (ours)',
    storesPassages: true,
    savedAs: 'bytes',
    build: (corpus) => {
      index = buildIndex(corpus);
    },
    query: (question) => answerQuestion(built(index), question, { publicUrl: 'https://bench.example' }),
    // The fingerprint only decides whether a stored index is current; any fixed text serves here.
    serialize: () => serializeIndex(built(index), 'bench'),
    load: (saved) => {
      index = deserializeIndex(Buffer.from(saved)).index;
    },
  };
}

const MINISEARCH_FIELDS = { fields: ['heading', 'context', 'text'] };

/** MiniSearch with default options: `new MiniSearch({ fields })`, `addAll`, `search(q)`, `loadJSON`. */
function miniSearch(): Engine {
  let index: MiniSearch<SearchDoc> | undefined;
  return {
    name: 'MiniSearch',
    storesPassages: false,
    savedAs: 'text',
    build: (_corpus, docs) => {
      index = new MiniSearch<SearchDoc>(MINISEARCH_FIELDS);
      index.addAll(docs);
    },
    query: (question) => built(index).search(question),
    serialize: () => JSON.stringify(built(index)),
    load: (text) => {
      index = MiniSearch.loadJSON<SearchDoc>(String(text), MINISEARCH_FIELDS);
    },
  };
}

/**
 * lunr with its default pipeline (stop words, stemmer). Its query language gives some questions a meaning of
 * their own ("c++", "what:is" raise QueryParseError); such a question counts as answered with nothing.
 */
function lunrEngine(): Engine {
  let index: lunr.Index | undefined;
  return {
    name: 'lunr',
    storesPassages: false,
    savedAs: 'text',
    build: (_corpus, docs) => {
      index = lunr(function () {
        this.ref('id');
        this.field('heading');
        this.field('context');
        this.field('text');
        for (const doc of docs) this.add(doc);
      });
    },
    query: (question) => {
      try {
        return built(index).search(question);
      } catch (error) {
        if (error instanceof lunr.QueryParseError) return [];
        throw error;
      }
    },
    serialize: () => JSON.stringify(built(index)),
    load: (text) => {
      index = lunr.Index.load(JSON.parse(String(text)) as object);
    },
  };
}

type FlexIndex = FlexDocument<{ id: number; heading: string; context: string; text: string }>;

/** FlexSearch's Document index with default options over the same three fields; export/import for persistence. */
function flexSearch(): Engine {
  let index: FlexIndex | undefined;
  const fresh = (): FlexIndex => new FlexDocument({ document: { id: 'id', index: ['heading', 'context', 'text'] } });
  return {
    name: 'FlexSearch',
    storesPassages: false,
    savedAs: 'text',
    build: (_corpus, docs) => {
      index = fresh();
      for (const doc of docs) index.add(doc);
    },
    query: (question) => built(index).search(question),
    serialize: () => {
      const parts: Record<string, string> = {};
      void built(index).export((key: string, data: string) => {
        parts[key] = data;
      });
      return JSON.stringify(parts);
    },
    load: (text) => {
      const loaded = fresh();
      for (const [key, data] of Object.entries(JSON.parse(String(text)) as Record<string, string>))
        loaded.import(key, data);
      index = loaded;
    },
  };
}

/** A fresh, empty engine by name. */
export function createEngine(name: EngineName): Engine {
  switch (name) {
    case 'answerQuestion (ours)':
      return ours();
    case 'MiniSearch':
      return miniSearch();
    case 'lunr':
      return lunrEngine();
    case 'FlexSearch':
      return flexSearch();
  }
}
