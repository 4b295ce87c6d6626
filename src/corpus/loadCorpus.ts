import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Logger } from '../log.js';
import { parseDocument } from './parseDocument.js';
import { documentIdFromPath } from './slug.js';
import type { Corpus, CorpusDocument, CorpusWarning, Passage } from './types.js';

/** Files the bot indexes; anything else in the folder is ignored silently (images, PDFs, .DS_Store). */
export const CORPUS_EXTENSIONS = /\.(md|markdown|txt)$/i;
/** Larger files are skipped: a corpus document is an article, not a data dump. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface LoadCorpusOptions {
  /** Called after each file, for a progress bar on large corpora. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  logger?: Logger | undefined;
}

/** The indexable files of a corpus folder, and the links that were not followed (each a warning naming it). */
export interface CorpusFolderScan {
  files: string[];
  skipped: CorpusWarning[];
}

const isHiddenOrModules = (name: string) => name.startsWith('.') || name === 'node_modules';

/** Whether `target` is `root` itself or inside it. */
function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  // `..2026_x/a.md` (a ConfigMap's hidden folder) is inside; only a `..` path segment leaves.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Walks the corpus folder without ever leaving it. A symlink whose target stays inside the folder is a document
 * like any file (a Kubernetes ConfigMap mounts `name.md -> ..data/name.md`); a link that leaves the folder, or
 * points at a folder, is not followed and comes back as a warning naming it: a link to `/usr` must not make the
 * bot read or watch a whole file system. Hidden names (`..data`, `.git`) and node_modules are not walked.
 * Paths are corpus-relative with `/`, sorted so ids and positions are stable across runs.
 */
export async function scanCorpusFolder(dir: string): Promise<CorpusFolderScan> {
  const root = await realpath(dir);
  const files: string[] = [];
  const skipped: CorpusWarning[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (isHiddenOrModules(entry.name)) continue;
      const path = join(folder, entry.name);
      const file = relative(dir, path).split(sep).join('/');
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        if (CORPUS_EXTENSIONS.test(entry.name)) files.push(file);
      } else if (entry.isSymbolicLink()) {
        const link = await followLink(root, path, file);
        if (typeof link === 'string') {
          if (CORPUS_EXTENSIONS.test(entry.name)) files.push(link);
        } else if (link) skipped.push(link);
      }
    }
  };
  await walk(dir);
  files.sort();
  skipped.sort((a, b) => (a.file < b.file ? -1 : 1));
  return { files, skipped };
}

/** A link's corpus path when it is a file inside the corpus; a warning when it leaves or names a folder. */
async function followLink(root: string, path: string, file: string): Promise<string | CorpusWarning | undefined> {
  let target: string;
  try {
    target = await realpath(path);
  } catch {
    return { file, code: 'LINK_SKIPPED', message: 'the link points at nothing' };
  }
  if (!isInside(root, target)) {
    return { file, code: 'LINK_SKIPPED', message: 'the link leads outside the corpus folder, so it is not followed' };
  }
  if ((await stat(target)).isDirectory()) {
    return { file, code: 'LINK_SKIPPED', message: 'links to folders are not followed; link the files themselves' };
  }
  return file;
}

/** Corpus-relative paths of every indexable file (see {@link scanCorpusFolder}). */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  return (await scanCorpusFolder(dir)).files;
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
