import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../log.js';
import type { SearchIndex } from '../search/buildIndex.js';
import { corpusFingerprint, deserializeIndex, serializeIndexInBackground } from './serialize.js';
import type { LoadCorpusOptions } from '../corpus/loadCorpus.js';
import { buildIndexFromFolder } from './buildIndexFromFolder.js';

/** Where the index being served at start came from: the serialized file, or the corpus folder. */
export type IndexSource = 'snapshot' | 'corpus';

/** The index to serve at start, where it came from, and (when built from the folder) how to save it. */
export interface StartupIndex {
  index: SearchIndex;
  source: IndexSource;
  /**
   * Saves the index built from the folder for the next start; the caller runs it once the bot is serving, since
   * answering does not need it (serializing and writing took about a tenth of a start that indexes the seed corpus).
   * Never rejects: a failure is logged, and the next start indexes again.
   */
  saveForNextStart?: () => Promise<void>;
}

/**
 * The index to serve at start: the serialized one (INDEX_FILE, by default in DATA_DIR) when it still describes the
 * corpus folder, which starts a container with thousands of files in a blink; otherwise built from the folder, to
 * be saved there (saveForNextStart) so the next start indexes only if the corpus changed. A missing, stale or
 * unreadable snapshot is never an error, only slower, and neither is one that cannot be saved (a read-only volume).
 */
export async function loadStartupIndex(options: {
  corpusDir: string;
  indexFile: string;
  logger: Logger;
  onProgress?: LoadCorpusOptions['onProgress'];
}): Promise<StartupIndex> {
  const log = options.logger.child({ component: 'corpus' });
  const fingerprint = await corpusFingerprint(options.corpusDir);
  const snapshot = await readSnapshot(options.indexFile, fingerprint, log);
  if (snapshot) {
    for (const w of snapshot.corpus.warnings) {
      log.warn({ file: w.file, code: w.code }, `skipped corpus file ${w.file}: ${w.message}`);
    }
    return { index: snapshot, source: 'snapshot' };
  }
  const index = await buildIndexFromFolder(options.corpusDir, { logger: log, onProgress: options.onProgress });
  const saveForNextStart = () =>
    writeIndexSnapshot(options.indexFile, index, fingerprint).then(
      () => log.debug({ indexFile: options.indexFile }, 'saved the index for the next start'),
      (error: unknown) =>
        log.warn(
          { err: error, indexFile: options.indexFile },
          'could not save the index; the next start indexes again',
        ),
    );
  return { index, source: 'corpus', saveForNextStart };
}

async function readSnapshot(file: string, fingerprint: string, log: Logger): Promise<SearchIndex | undefined> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    log.debug({ indexFile: file }, 'no serialized index; building from the corpus folder');
    return undefined;
  }
  try {
    const stored = deserializeIndex(data);
    if (stored.fingerprint === fingerprint) return stored.index;
    log.info(
      { indexFile: file },
      'serialized index is older than the corpus folder; building from the folder (npm run build-index refreshes it)',
    );
  } catch (error) {
    log.warn({ err: error, indexFile: file }, 'serialized index unreadable; building from the corpus folder');
  }
  return undefined;
}

/**
 * Writes the serialized index beside its fingerprint, through a temporary file and a rename, so a reader
 * (another replica starting) never sees half a file.
 */
export async function writeIndexSnapshot(file: string, index: SearchIndex, fingerprint: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, await serializeIndexInBackground(index, fingerprint));
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}
