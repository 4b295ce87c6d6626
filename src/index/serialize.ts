import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { listCorpusFiles } from '../corpus/corpusFolder.js';
import type { Corpus } from '../corpus/types.js';
import { BotError } from '../errors.js';
import { assembleIndex, MINISEARCH_OPTIONS, type IndexedPassage, type SearchIndex } from '../search/buildIndex.js';
import { TEXT_PROCESSING_DIGEST } from '../search/text.js';

/**
 * Bumped whenever the stored shape or the code of the text processing changes, so an old file is rebuilt, not
 * misread; edits to the tables it uses change the fingerprint by themselves (TEXT_PROCESSING_DIGEST).
 */
export const INDEX_FORMAT_VERSION = 4;

interface StoredIndex {
  version: number;
  fingerprint: string;
  corpus: Corpus;
  miniSearch: unknown;
  /** The derived term statistics, stored so that loading does no text processing at all. */
  documentFrequency: [string, number][];
  corpusWords: [string, string | null][];
  leadTerms: string[][];
  headingTerms: string[][];
}

/**
 * A hash of the corpus folder's files, names and contents, so a serialized index is used only while it still
 * describes the files on disk. Contents, not modification times: a ConfigMap remount or a fresh checkout touches
 * every file without changing one, and a copy that keeps times (`cp -p`, `rsync -t`) can change one unseen.
 * Hashing is cheap beside indexing (the 55 MB bench corpus: well under a second).
 */
export async function corpusFingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`v${INDEX_FORMAT_VERSION} ${TEXT_PROCESSING_DIGEST}\n`);
  for (const file of await listCorpusFiles(dir)) {
    const bytes = await readFile(join(dir, file)).catch(() => undefined);
    hash.update(`${file}\t${bytes?.length ?? -1}\n`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex');
}

/** The whole index (corpus and MiniSearch) as one JSON text: what `npm run build-index` writes. */
export function serializeIndex(index: SearchIndex, fingerprint: string): string {
  const stored: StoredIndex = {
    version: INDEX_FORMAT_VERSION,
    fingerprint,
    corpus: index.corpus,
    miniSearch: index.miniSearch.toJSON(),
    documentFrequency: [...index.documentFrequency],
    corpusWords: [...index.corpusWords],
    leadTerms: index.leadTerms,
    headingTerms: index.headingTerms,
  };
  return JSON.stringify(stored);
}

/** Reads a serialized index; throws INDEX_LOAD_FAILED when it is not one this version wrote. */
export function deserializeIndex(text: string): { index: SearchIndex; fingerprint: string } {
  let stored: StoredIndex;
  try {
    stored = JSON.parse(text) as StoredIndex;
  } catch (error) {
    throw new BotError('INDEX_LOAD_FAILED', 'the serialized index is not valid JSON', { cause: error });
  }
  if (
    stored?.version !== INDEX_FORMAT_VERSION ||
    !stored.corpus ||
    !stored.miniSearch ||
    !Array.isArray(stored.documentFrequency) ||
    !Array.isArray(stored.corpusWords) ||
    stored.leadTerms?.length !== stored.corpus.passages.length ||
    stored.headingTerms?.length !== stored.corpus.passages.length
  ) {
    throw new BotError(
      'INDEX_LOAD_FAILED',
      `the serialized index is not format version ${INDEX_FORMAT_VERSION}; run npm run build-index`,
    );
  }
  const miniSearch = MiniSearch.loadJS<IndexedPassage>(stored.miniSearch as Parameters<typeof MiniSearch.loadJS>[0], {
    ...MINISEARCH_OPTIONS,
    fields: [...MINISEARCH_OPTIONS.fields],
  });
  const index = assembleIndex(stored.corpus, miniSearch, {
    documentFrequency: new Map(stored.documentFrequency),
    corpusWords: new Map(stored.corpusWords),
    leadTerms: stored.leadTerms,
    headingTerms: stored.headingTerms,
  });
  return { index, fingerprint: stored.fingerprint };
}
