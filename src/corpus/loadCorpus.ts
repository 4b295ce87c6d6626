import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { scanCorpusFolder } from './corpusFolder.js';
import { parseDocument } from './parseDocument.js';
import { documentIdFromPath } from './slug.js';
import type { Corpus, CorpusDocument, CorpusWarning, Passage } from './types.js';

/** Larger files are skipped: a corpus document is an article, not a data dump. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface LoadCorpusOptions {
  /** Called after each file, for a progress bar on large corpora. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  logger?: Logger | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file as UTF-8 text, or says why it is not text. */
export function decodeText(file: string, bytes: Uint8Array): string | CorpusWarning {
  if (bytes.length > MAX_FILE_BYTES) {
    return { file, code: 'UNREADABLE', message: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  }
  if (bytes.includes(0)) return { file, code: 'NOT_TEXT', message: 'the file is binary, not text' };
  try {
    return utf8.decode(bytes);
  } catch {
    return { file, code: 'NOT_TEXT', message: 'the file is not valid UTF-8 text' };
  }
}

const isWarning = (value: unknown): value is CorpusWarning =>
  typeof value === 'object' && value !== null && 'code' in value && 'message' in value;

/**
 * Reads every Markdown and text file under `dir` into a Corpus. A file that cannot be used is skipped with a
 * warning naming it (also logged when a logger is given); the rest still loads.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  const { files, skipped } = await scanCorpusFolder(dir);
  const documents: CorpusDocument[] = [];
  const passages: Passage[] = [];
  const warnings: CorpusWarning[] = [];
  for (const link of skipped) {
    warnings.push(link);
    options.logger?.warn({ file: link.file, code: link.code }, `skipped corpus file ${link.file}: ${link.message}`);
  }
  const usedIds = new Set<string>();

  for (const [n, file] of files.entries()) {
    let result: ReturnType<typeof parseDocument> | CorpusWarning;
    try {
      const text = decodeText(file, await readFile(join(dir, file)));
      result = isWarning(text) ? text : parseDocument({ file, id: uniqueId(documentIdFromPath(file), usedIds), text });
    } catch (error) {
      result = { file, code: 'UNREADABLE', message: error instanceof Error ? error.message : String(error) };
    }
    if (isWarning(result)) {
      warnings.push(result);
      options.logger?.warn(
        { file: result.file, code: result.code },
        `skipped corpus file ${result.file}: ${result.message}`,
      );
    } else {
      documents.push(result.document);
      passages.push(...result.passages);
    }
    options.onProgress?.(n + 1, files.length);
  }
  return { documents, passages, warnings };
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
