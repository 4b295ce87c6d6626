import MiniSearch from 'minisearch';
import { LEAD_LABEL } from '../corpus/leadLabel.js';
import { subsectionTitles, withoutQuotedSubsections } from '../corpus/subsections.js';
import type { Corpus, CorpusDocument, Passage } from '../corpus/types.js';
import { processTerm, terms, tokenize } from './text.js';

/** Field weights: a passage under the heading "DevOps Developer" answers "what does a DevOps developer do". */
export const FIELD_BOOSTS = { heading: 2, context: 0.6, text: 1 } as const;

/** The searchable view of a passage: its words, its own heading, and the headings and title above it. */
interface IndexedPassage {
  id: number;
  heading: string;
  context: string;
  text: string;
}

/** Everything a question is answered from: the corpus, its MiniSearch index, and term statistics. */
export interface SearchIndex {
  corpus: Corpus;
  miniSearch: MiniSearch<IndexedPassage>;
  /** In how many passages each index term occurs (any field): the weights of the decline floor. */
  documentFrequency: Map<string, number>;
  documentsById: Map<string, CorpusDocument>;
  /**
   * Every word as written in the corpus (lowercased) and its index term, or null for a stop word: what a typo in
   * a question is corrected to.
   */
  corpusWords: Map<string, string | null>;
  /** The first few index terms of each passage's text: what the passage is about ("Kubernetes is…"). */
  leadTerms: string[][];
  /** Index terms of each passage's own heading and labels, in order: to find the question's phrases in them. */
  headingTerms: string[][];
}

/** How many leading terms of a passage count as its subject. */
export const LEAD_TERMS = 4;

/**
 * BM25's saturation (k) and length normalization (b); d as MiniSearch's default. Tuned on the tune questions
 * (MiniSearch's k 1.2, b 0.7 before): a long passage that names the question's ideas (a table of skills, a section
 * that answers at length) was ranked below a short one that names one of them in passing. b 0.5 with k 1.4–1.6
 * ranked best (tune hit@1 0.626 -> 0.642); b 0.3–0.6 all beat 0.7; b 0.85 lost questions.
 */
export const BM25_PARAMS = { k: 1.5, b: 0.5, d: 0.5 } as const;

export const MINISEARCH_OPTIONS = {
  fields: ['heading', 'context', 'text'],
  idField: 'id',
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => processTerm(term),
  searchOptions: { bm25: BM25_PARAMS },
} as const;

function indexedPassage(passage: Passage, n: number, documents: Map<string, CorpusDocument>): IndexedPassage {
  const document = documents.get(passage.docId);
  const title = document?.meta.title ?? '';
  const path = passage.sectionPath;
  const text = withoutQuotedSubsections(passage.text, subsectionTitles(document?.sections ?? [], path));
  return {
    id: n,
    heading: [path.at(-1) ?? '', ...text.split('\n').map((line) => LEAD_LABEL.exec(line)?.[1] ?? '')]
      .filter(Boolean)
      .join(' \n '),
    context: [title, ...path.slice(0, -1)].filter((h, i, all) => h && all.indexOf(h) === i).join(' \n '),
    text,
  };
}

/** Builds the index for a corpus. Pure and synchronous: the caller decides when and where it runs. */
export function buildIndex(corpus: Corpus): SearchIndex {
  const documentsById = new Map(corpus.documents.map((d) => [d.id, d]));
  const docs = corpus.passages.map((p, n) => indexedPassage(p, n, documentsById));
  // The document frequencies come from the terms MiniSearch indexes for each passage, as it indexes them: one
  // pass over the corpus's text instead of two (the second took about a quarter of the build on a large corpus). Each
  // term remembers the last passage that counted it, so a word repeated within a passage counts once.
  const counts = new Map<string, { passages: number; last: number }>();
  const corpusWords = new Map<string, string | null>();
  // A passage's heading terms are the terms MiniSearch indexes in its heading field, in order: taken as it indexes
  // them, not by processing the heading a second time.
  const headingTerms: string[][] = docs.map(() => []);
  let current = -1;
  const miniSearch = new MiniSearch<IndexedPassage>({
    ...MINISEARCH_OPTIONS,
    fields: [...MINISEARCH_OPTIONS.fields],
    processTerm: (word: string, field?: string) => {
      const term = processTerm(word);
      if (term && field === 'heading' && current >= 0) headingTerms[current]!.push(term);
      if (current >= 0 && !corpusWords.has(word)) corpusWords.set(word, term);
      if (term !== null && current >= 0) {
        const count = counts.get(term);
        if (!count) counts.set(term, { passages: 1, last: current });
        else if (count.last !== current) {
          count.last = current;
          count.passages++;
        }
      }
      return term;
    },
  });
  for (const doc of docs) {
    current = doc.id;
    miniSearch.add(doc);
  }
  current = -1;
  const documentFrequency = new Map<string, number>();
  for (const [term, count] of counts) documentFrequency.set(term, count.passages);
  const leadTerms = corpus.passages.map((p) => terms(p.text.slice(0, 200)).slice(0, LEAD_TERMS));
  return { corpus, miniSearch, documentFrequency, corpusWords, documentsById, leadTerms, headingTerms };
}

/** The term statistics ranking needs besides MiniSearch's own index; stored with a serialized index. */
export type DerivedTerms = Pick<SearchIndex, 'documentFrequency' | 'corpusWords' | 'leadTerms' | 'headingTerms'>;

/** Puts an index back together from a MiniSearch loaded from JSON and its stored statistics (see serialize.ts). */
export function assembleIndex(
  corpus: Corpus,
  miniSearch: MiniSearch<IndexedPassage>,
  derived: DerivedTerms,
): SearchIndex {
  const documentsById = new Map(corpus.documents.map((d) => [d.id, d]));
  return { corpus, miniSearch, documentsById, ...derived };
}

export type { IndexedPassage };
