/**
 * Symbolic links in the corpus folder: those that stay inside are documents (a Kubernetes ConfigMap mounts every
 * file as `name.md -> ..data/name.md`), those that leave are neither read nor watched, and say so.
 */
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIndexFromFolder } from '../../src/index/buildIndexFromFolder.js';
import { createLiveIndex } from '../../src/index/liveIndex.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { SearchIndex } from '../../src/search/buildIndex.js';

let root: string;
let corpus: string;
let outside: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'corpus-links-'));
  corpus = join(root, 'corpus');
  outside = join(root, 'elsewhere');
  await mkdir(corpus);
  await mkdir(join(outside, 'deep'), { recursive: true });
  await writeFile(join(outside, 'secret.md'), '# Secret\n\nThe payroll export lives on the finance share.\n');
  await writeFile(join(outside, 'deep', 'more.md'), '# More\n\nNothing the bot should read.\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A logger whose lines the test reads. */
function capturingLogger(level = 'info') {
  const lines: { level: number; msg: string; path?: string; file?: string }[] = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** The layout kubelet writes for a ConfigMap volume: a timestamped folder, `..data` pointing at it, a link per key. */
async function configMapVolume(
  dir: string,
  files: Record<string, string>,
  stamp = '..2026_11_28_10_00_00.1',
): Promise<void> {
  await mkdir(join(dir, stamp));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, stamp, name), text);
  await symlink(stamp, join(dir, '..data'));
  for (const name of Object.keys(files)) await symlink(join('..data', name), join(dir, name));
}

const devopsDoc =
  '# Roles\n\n## DevOps Developer\n\nA DevOps developer automates deployment pipelines and watches production.\n';

describe('corpus links', () => {
  it('reads a ConfigMap-mounted folder (files linked through ..data) as documents', async () => {
    await configMapVolume(corpus, {
      'roles.md': devopsDoc,
      'notes.txt': 'Backups run nightly at two in the morning.\n',
    });
    const loaded = await loadCorpus(corpus);
    expect(loaded.documents.map((d) => d.file)).toEqual(['notes.txt', 'roles.md']);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.passages.some((p) => p.text.includes('automates deployment pipelines'))).toBe(true);
  });

  it('skips links that leave the folder with a warning naming each, and still loads the rest', async () => {
    await writeFile(join(corpus, 'roles.md'), devopsDoc);
    await symlink(join(outside, 'secret.md'), join(corpus, 'secret.md'));
    await symlink(outside, join(corpus, 'elsewhere-link'));
    await symlink(join(corpus, 'roles.md'), join(corpus, 'roles-again.md'));
    const { logger, lines } = capturingLogger('warn');
    const loaded = await loadCorpus(corpus, { logger });
    expect(loaded.documents.map((d) => d.file)).toEqual(['roles-again.md', 'roles.md']);
    expect(loaded.passages.some((p) => p.text.includes('payroll'))).toBe(false);
    expect(loaded.warnings.map((w) => [w.file, w.code])).toEqual([
      ['elsewhere-link', 'LINK_SKIPPED'],
      ['secret.md', 'LINK_SKIPPED'],
    ]);
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/^skipped corpus file elsewhere-link: .*outside the corpus folder/),
      expect.stringMatching(/^skipped corpus file secret\.md: .*outside the corpus folder/),
    ]);
  });

  it('does not start on a folder whose only files are links leading out of it', async () => {
    await symlink(join(outside, 'secret.md'), join(corpus, 'secret.md'));
    await expect(buildIndexFromFolder(corpus)).rejects.toMatchObject({ code: 'CORPUS_EMPTY' });
  });

  it('never watches what a link leads to outside the folder', async () => {
    await writeFile(join(corpus, 'roles.md'), devopsDoc);
    await symlink(outside, join(corpus, 'elsewhere-link'));
    const { logger, lines } = capturingLogger('debug');
    const initial = await buildIndexFromFolder(corpus);
    let rebuilt!: () => void;
    const rebuiltOnce = new Promise<void>((resolve) => (rebuilt = resolve));
    const live = createLiveIndex({
      dir: corpus,
      initial,
      logger,
      debounceMs: 400,
      rebuild: () => {
        rebuilt();
        return Promise.resolve(initial);
      },
    });
    await live.watch();
    try {
      // A change beyond the link, then one inside: only the second may reach the watcher.
      await writeFile(join(outside, 'deep', 'more.md'), '# More\n\nChanged outside the corpus.\n');
      await writeFile(join(outside, 'new.md'), '# New\n\nAdded outside the corpus.\n');
      await writeFile(join(corpus, 'roles.md'), `${devopsDoc}\nEdited.\n`);
      await rebuiltOnce;
    } finally {
      await live.close();
    }
    const seen = lines.filter((l) => l.msg === 'corpus folder changed').map((l) => l.path!);
    expect(seen).toContain(join(corpus, 'roles.md'));
    // The link itself is watched like a file; nothing behind it is.
    expect(seen.filter((p) => p.startsWith(`${join(corpus, 'elsewhere-link')}/`))).toEqual([]);
  }, 20_000);

  it('swaps in the new text when kubelet updates a ConfigMap volume (..data re-pointed)', async () => {
    await configMapVolume(corpus, { 'roles.md': devopsDoc });
    const initial = await buildIndexFromFolder(corpus);
    let swapped!: (index: SearchIndex) => void;
    const nextIndex = new Promise<SearchIndex>((resolve) => (swapped = resolve));
    const live = createLiveIndex({
      dir: corpus,
      initial,
      logger: pino({ level: 'silent' }),
      debounceMs: 50,
      rebuild: () => buildIndexFromFolder(corpus),
      onSwap: (index) => swapped(index),
    });
    await live.watch();
    try {
      // What kubelet does: write a new timestamped folder, point a temporary link at it, rename it over ..data.
      const stamp = '..2026_11_28_11_00_00.2';
      await mkdir(join(corpus, stamp));
      await writeFile(
        join(corpus, stamp, 'roles.md'),
        devopsDoc.replace('watches production', 'answers pages at night'),
      );
      await symlink(stamp, join(corpus, '..data_tmp'));
      await rename(join(corpus, '..data_tmp'), join(corpus, '..data'));
      await rm(join(corpus, '..2026_11_28_10_00_00.1'), { recursive: true });
      const next = await nextIndex;
      expect(next.corpus.passages.some((p) => p.text.includes('answers pages at night'))).toBe(true);
      expect(live.current).toBe(next);
    } finally {
      await live.close();
    }
  }, 20_000);
});
