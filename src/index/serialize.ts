import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import { listCorpusFiles } from '../corpus/corpusFolder.js';
import type { Corpus, CorpusDocument, Passage } from '../corpus/types.js';
import { BotError } from '../errors.js';
import { assembleIndex, MINISEARCH_OPTIONS, type IndexedPassage, type SearchIndex } from '../search/buildIndex.js';
import { TEXT_PROCESSING_DIGEST } from '../search/text.js';

/**
 * Bumped whenever the stored shape, the cutting of documents into passages or the code of the text processing
 * changes, so an old file is rebuilt, not misread; edits to the tables it uses change the fingerprint by themselves
 * (TEXT_PROCESSING_DIGEST). 6: a lead-in quotes the subsection headings it introduces.
 */
export const INDEX_FORMAT_VERSION = 6;

/** The file's first bytes, uncompressed: an older or foreign file is told apart before anything is decompressed. */
const MAGIC = Buffer.from(`backend-answers-bot index v${INDEX_FORMAT_VERSION}\n`);

/**
 * The passages without their text repeated: which document, section and position each is, and where its text
 * starts in the document's Markdown body (a passage is almost always a stretch of the body as written), or -1
 * with the text in `texts` (inline Markdown stripped, a line break folded). Loaded back, a passage's text is a
 * slice of the body, which V8 keeps as a view of it, so the text is held once in memory too.
 */
interface StoredPassages {
  document: number[];
  section: number[];
  position: number[];
  start: number[];
  length: number[];
  texts: string[];
}

/**
 * The saved index, one JSON text a line in this order, so each is parsed on its own and its parse tree can go
 * before the next (MiniSearch's alone is most of the file): the corpus's documents, the passages, MiniSearch's
 * index, then the derived term statistics, stored so that loading does no text processing at all.
 */
type StoredIndex = [
  header: { version: number; fingerprint: string; documents: CorpusDocument[]; warnings: Corpus['warnings'] },
  passages: StoredPassages,
  miniSearch: AsPlainObject,
  terms: string[],
  postings: number[][],
  documentFrequency: [string, number][],
  corpusWords: [string, string | null][],
  leadTerms: string[][],
  headingTerms: string[][],
];

/** MiniSearch's own serialized form; its term index is stored apart, as `terms` and `postings`. */
type AsPlainObject = ReturnType<MiniSearch['toJSON']>;

/** Where a loaded MiniSearch keeps its terms (also read by search/termHits.ts, whose test pins the shape). */
interface MiniSearchIndex {
  _index: { set(term: string, fields: Map<number, Map<number, number>>): void };
}

/**
 * Each term's postings as one flat list of numbers, `fieldId, count, then count pairs of (short id - the previous
 * one, frequency)`, in the order MiniSearch's JSON lists them (scores are summed in that order, so it is kept).
 * That JSON writes them as objects keyed by numbers, which took most of a large index's load: parsing the keys,
 * then turning each object back into a Map.
 */
function flatPostings(fields: Record<string, Record<string, number>>): number[] {
  const flat: number[] = [];
  for (const [fieldId, postings] of Object.entries(fields)) {
    const entries = Object.entries(postings);
    flat.push(Number(fieldId), entries.length);
    let previous = 0;
    for (const [shortId, frequency] of entries) {
      flat.push(Number(shortId) - previous, frequency);
      previous = Number(shortId);
    }
  }
  return flat;
}

function postingMaps(flat: number[]): Map<number, Map<number, number>> {
  const fields = new Map<number, Map<number, number>>();
  for (let i = 0; i < flat.length; ) {
    const postings = new Map<number, number>();
    fields.set(flat[i]!, postings);
    const end = i + 2 + 2 * flat[i + 1]!;
    let shortId = 0;
    for (i += 2; i < end; i += 2) {
      shortId += flat[i]!;
      postings.set(shortId, flat[i + 1]!);
    }
  }
  return fields;
}

/**
 * JSON with every character past ASCII written as an escape: read back with a byte-for-byte (latin1) decoding
 * into V8's one-byte strings, instead of UTF-8 decoding into two-byte ones twice the size.
 */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

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

function storePassages(corpus: Corpus): StoredPassages {
  const documentIndex = new Map(corpus.documents.map((d, i) => [d.id, i]));
  const stored: StoredPassages = { document: [], section: [], position: [], start: [], length: [], texts: [] };
  // Where the previous passage of each document ended in its body: passages follow the body's order.
  const searchFrom = new Map<string, number>();
  for (const p of corpus.passages) {
    const d = documentIndex.get(p.docId);
    const document = d === undefined ? undefined : corpus.documents[d]!;
    const section = document?.sections.findIndex(
      (s) =>
        s.slug === p.sectionSlug &&
        s.path.length === p.sectionPath.length &&
        s.path.every((h, i) => h === p.sectionPath[i]),
    );
    if (!document || section === undefined || section < 0 || p.id !== `${p.docId}#${p.position}`) {
      throw new BotError('INDEX_SAVE_FAILED', `passage ${p.id} does not match its document's sections`);
    }
    const start = document.body.indexOf(p.text, searchFrom.get(p.docId) ?? 0);
    if (start >= 0) searchFrom.set(p.docId, start + p.text.length);
    else stored.texts.push(p.text);
    stored.document.push(d!);
    stored.section.push(section);
    stored.position.push(p.position);
    stored.start.push(start);
    stored.length.push(p.text.length);
  }
  return stored;
}

function loadPassages(documents: CorpusDocument[], stored: StoredPassages): Passage[] {
  const passages: Passage[] = new Array(stored.document.length);
  let explicit = 0;
  for (let i = 0; i < passages.length; i++) {
    const document = documents[stored.document[i]!]!;
    const section = document.sections[stored.section[i]!]!;
    const start = stored.start[i]!;
    const position = stored.position[i]!;
    passages[i] = {
      id: `${document.id}#${position}`,
      docId: document.id,
      sectionSlug: section.slug,
      sectionPath: section.path,
      text: start >= 0 ? document.body.slice(start, start + stored.length[i]!) : stored.texts[explicit++]!,
      position,
    };
  }
  return passages;
}

/** The saved index's JSON lines, before compression. */
function indexJson(index: SearchIndex, fingerprint: string): Buffer {
  const { documents, warnings } = index.corpus;
  const { index: termIndex, ...miniSearch } = index.miniSearch.toJSON();
  const stored: StoredIndex = [
    { version: INDEX_FORMAT_VERSION, fingerprint, documents, warnings },
    storePassages(index.corpus),
    { ...miniSearch, index: [] },
    termIndex.map(([term]) => term),
    termIndex.map(([, fields]) => flatPostings(fields)),
    [...index.documentFrequency],
    [...index.corpusWords],
    index.leadTerms,
    index.headingTerms,
  ];
  return Buffer.from(stored.map(asciiJson).join('\n'), 'latin1');
}

// gzip (Node's zlib, default level): at 105,000 passages, 92 MB of JSON to 27 MB, read back in about half a second,
// and written two to three times faster than brotli, whose 19-21 MB were not worth seconds more on every first
// start; its checksum also tells a damaged file from a good one.
const gzipInBackground = promisify(gzip);

/** The whole index (corpus and MiniSearch) compressed, as it is saved. */
export function serializeIndex(index: SearchIndex, fingerprint: string): Buffer {
  return Buffer.concat([MAGIC, gzipSync(indexJson(index, fingerprint))]);
}

/**
 * The same bytes, compressed on libuv's thread pool: the running bot saves its index while it answers (at 105,000
 * passages compressing takes seconds).
 */
export async function serializeIndexInBackground(index: SearchIndex, fingerprint: string): Promise<Buffer> {
  return Buffer.concat([MAGIC, await gzipInBackground(indexJson(index, fingerprint))]);
}

const notThisVersion = () =>
  new BotError(
    'INDEX_LOAD_FAILED',
    `the serialized index is not format version ${INDEX_FORMAT_VERSION}; run npm run build-index`,
  );

/** The JSON texts of a decompressed index, one at a time. */
function sectionReader(bytes: Buffer) {
  let at = 0;
  return <T>(): T => {
    const end = bytes.indexOf(10, at);
    const text = bytes.toString('latin1', at, end < 0 ? bytes.length : end);
    at = end < 0 ? bytes.length : end + 1;
    return JSON.parse(text) as T;
  };
}

/** Reads a serialized index; throws INDEX_LOAD_FAILED when it is not one this version wrote. */
export function deserializeIndex(data: Uint8Array): { index: SearchIndex; fingerprint: string } {
  if (data.length < MAGIC.length || !MAGIC.equals(data.subarray(0, MAGIC.length))) throw notThisVersion();
  try {
    // Synchronous: at start there is nothing else to do, and the first asynchronous call starts zlib's threads.
    const next = sectionReader(gunzipSync(data.subarray(MAGIC.length)));
    const header = next<StoredIndex[0]>();
    if (header.version !== INDEX_FORMAT_VERSION) throw notThisVersion();
    const stored = next<StoredIndex[1]>();
    const miniSearch = MiniSearch.loadJS<IndexedPassage>(next<StoredIndex[2]>(), {
      ...MINISEARCH_OPTIONS,
      fields: [...MINISEARCH_OPTIONS.fields],
    });
    const terms = next<StoredIndex[3]>();
    const postings = next<StoredIndex[4]>();
    if (postings.length !== terms.length) throw new Error('the terms do not match their postings');
    const termIndex = (miniSearch as unknown as MiniSearchIndex)._index;
    for (let t = 0; t < terms.length; t++) termIndex.set(terms[t]!, postingMaps(postings[t]!));
    const corpus: Corpus = {
      documents: header.documents,
      passages: loadPassages(header.documents, stored),
      warnings: header.warnings,
    };
    const index = assembleIndex(corpus, miniSearch, {
      documentFrequency: new Map(next<StoredIndex[5]>()),
      corpusWords: new Map(next<StoredIndex[6]>()),
      leadTerms: next<StoredIndex[7]>(),
      headingTerms: next<StoredIndex[8]>(),
    });
    if (index.leadTerms.length !== corpus.passages.length || index.headingTerms.length !== corpus.passages.length)
      throw new Error('the term lists do not match the passages');
    return { index, fingerprint: header.fingerprint };
  } catch (error) {
    if (error instanceof BotError) throw error;
    throw new BotError('INDEX_LOAD_FAILED', 'the serialized index is damaged', { cause: error });
  }
}
