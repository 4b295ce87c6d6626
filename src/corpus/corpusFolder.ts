import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { CorpusWarning } from './types.js';

// Apart from the loader so that the index's fingerprint (read at every start) lists the files without loading the
// Markdown parser.

/** Files the bot indexes; anything else in the folder is ignored silently (images, PDFs, .DS_Store). */
export const CORPUS_EXTENSIONS = /\.(md|markdown|txt)$/i;

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
