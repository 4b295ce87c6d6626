/**
 * The repository stands alone: a fresh clone in an empty folder must test and run, so no test, script or
 * configuration may read the folder beside the checkout (where a development machine keeps shared material).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './botProcess.js';

/** Folders that are not the project's own sources: installed, built or generated. */
const SKIPPED = new Set(['node_modules', 'dist', 'data', '.git']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(path);
    return entry.isFile() && !entry.name.endsWith('.md') ? [path] : [];
  });
}

describe('the repository stands alone', () => {
  it('no file outside the Markdown docs reads the shared folder beside the checkout', () => {
    // Built from parts so this file does not match itself.
    const outside = new RegExp(['\\.\\./', 'shared\\b', '|', '/work/', 'shared\\b'].join(''));
    const offenders = sourceFiles(REPO)
      .filter((file) => outside.test(readFileSync(file, 'latin1')))
      .map((file) => relative(REPO, file));
    expect(offenders).toEqual([]);
  });

  it('the seed texts the corpus is checked against are in the repository', () => {
    const seeds = readdirSync(join(REPO, 'test', 'fixtures', 'seeds'));
    expect(seeds.length).toBeGreaterThanOrEqual(5);
  });
});
