import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadStartupIndex } from '../../src/index/indexSnapshot.js';
import { corpusFingerprint } from '../../src/index/serialize.js';
import { CORPUS, REPO, scratchDir } from './botProcess.js';

const run = promisify(execFile);
const silent = pino({ level: 'silent' });

describe('serialized index (npm run build-index)', () => {
  it('is written by the script, loaded at start while current, and ignored once the corpus changes', async () => {
    const root = scratchDir('snapshot');
    const corpusDir = join(root, 'corpus');
    mkdirSync(corpusDir);
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.md')))
      copyFileSync(join(CORPUS, file), join(corpusDir, file));
    const indexFile = join(root, 'build', 'index.json');

    const { stdout } = await run(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(REPO, 'scripts', 'build-index.ts')],
      {
        cwd: root,
        env: { PATH: process.env.PATH, CORPUS_DIR: corpusDir, INDEX_FILE: indexFile, LOG_LEVEL: 'warn' },
      },
    );
    expect(stdout).toMatch(
      new RegExp(
        `^Indexed ${readdirSync(corpusDir).length} documents \\(\\d+ passages, 0 files skipped\\) in \\d+ ms: ${indexFile}\\n$`,
      ),
    );

    const fromSnapshot = await loadStartupIndex({ corpusDir, indexFile, logger: silent });
    expect(fromSnapshot.source).toBe('snapshot');

    const fromFolder = await loadStartupIndex({ corpusDir, indexFile: join(root, 'missing.json'), logger: silent });
    expect(fromFolder.source).toBe('corpus');
    expect(fromSnapshot.index.corpus.passages).toEqual(fromFolder.index.corpus.passages);

    // A file touched but not changed (a ConfigMap remount, a fresh checkout) keeps the snapshot.
    const edited = join(corpusDir, readdirSync(corpusDir)[0]!);
    utimesSync(edited, new Date(), new Date(Date.now() + 5000));
    expect((await loadStartupIndex({ corpusDir, indexFile, logger: silent })).source).toBe('snapshot');

    // An edit of the same size that keeps the file's times (cp -p, rsync -t) makes it stale: the folder wins.
    const { mtime } = statSync(edited);
    const text = readFileSync(edited, 'utf8');
    writeFileSync(
      edited,
      text.replace(/[a-z]/, (c) => (c === 'x' ? 'y' : 'x')),
    );
    utimesSync(edited, mtime, mtime);
    expect((await loadStartupIndex({ corpusDir, indexFile, logger: silent })).source).toBe('corpus');
  }, 20_000);

  it('is saved after indexing the folder, so the next start indexes only when the corpus changed', async () => {
    const root = scratchDir('snapshot-saved');
    const corpusDir = join(root, 'corpus');
    mkdirSync(corpusDir);
    writeFileSync(join(corpusDir, 'kubernetes.md'), '# Kubernetes\n\nKubernetes schedules containers onto nodes.\n');
    const indexFile = join(root, 'data', 'index.json');

    const first = await loadStartupIndex({ corpusDir, indexFile, logger: silent });
    expect(first.source).toBe('corpus');
    // Saving is left to the caller, once the bot is serving: nothing is written before.
    expect(existsSync(join(root, 'data'))).toBe(false);
    await first.saveForNextStart?.();
    expect(readdirSync(join(root, 'data'))).toEqual(['index.json']);
    const second = await loadStartupIndex({ corpusDir, indexFile, logger: silent });
    expect(second.source).toBe('snapshot');
    expect(second.index.corpus.passages).toEqual(first.index.corpus.passages);

    writeFileSync(join(corpusDir, 'helm.md'), '# Helm\n\nHelm packages Kubernetes manifests as charts.\n');
    const changed = await loadStartupIndex({ corpusDir, indexFile, logger: silent });
    expect(changed.source).toBe('corpus');
    expect(changed.index.corpus.documents.map((d) => d.id).sort()).toEqual(['helm', 'kubernetes']);
    await changed.saveForNextStart?.();
    expect((await loadStartupIndex({ corpusDir, indexFile, logger: silent })).source).toBe('snapshot');
  });

  it('still starts when the index cannot be saved', async () => {
    const root = scratchDir('snapshot-unwritable');
    // A file where the index's folder should be: the save fails, the start does not.
    writeFileSync(join(root, 'data'), 'not a folder');
    const loaded = await loadStartupIndex({
      corpusDir: CORPUS,
      indexFile: join(root, 'data', 'index.json'),
      logger: silent,
    });
    expect(loaded.source).toBe('corpus');
    expect(loaded.index.corpus.passages.length).toBeGreaterThan(0);
    await expect(loaded.saveForNextStart?.()).resolves.toBeUndefined();
  });

  it('rebuilds an index saved by an older version instead of misreading it, and saves it anew', async () => {
    const root = scratchDir('snapshot-old-format');
    const indexFile = join(root, 'index.json');
    // The shape version 4 wrote (the corpus and MiniSearch as plain JSON), with the folder's current fingerprint.
    const older = await loadStartupIndex({ corpusDir: CORPUS, indexFile: join(root, 'unused'), logger: silent });
    writeFileSync(
      indexFile,
      JSON.stringify({
        version: 4,
        fingerprint: await corpusFingerprint(CORPUS),
        corpus: older.index.corpus,
        miniSearch: older.index.miniSearch,
      }),
    );
    const loaded = await loadStartupIndex({ corpusDir: CORPUS, indexFile, logger: silent });
    expect(loaded.source).toBe('corpus');
    await loaded.saveForNextStart?.();
    expect((await loadStartupIndex({ corpusDir: CORPUS, indexFile, logger: silent })).source).toBe('snapshot');
  });

  it('is compressed, smaller than the corpus files it holds, and gives back the same documents and passages', async () => {
    const root = scratchDir('snapshot-size');
    const indexFile = join(root, 'index.json');
    const { index, saveForNextStart } = await loadStartupIndex({ corpusDir: CORPUS, indexFile, logger: silent });
    await saveForNextStart?.();
    const saved = statSync(indexFile).size;
    const corpusBytes = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.md'))
      .reduce((sum, f) => sum + statSync(join(CORPUS, f)).size, 0);
    expect(saved).toBeLessThan(corpusBytes);
    const loaded = await loadStartupIndex({ corpusDir: CORPUS, indexFile, logger: silent });
    expect(loaded.source).toBe('snapshot');
    expect(loaded.index.corpus.passages).toEqual(index.corpus.passages);
    expect(loaded.index.corpus.documents).toEqual(index.corpus.documents);
  });

  it('falls back to the folder when the snapshot is unreadable', async () => {
    const indexFile = join(scratchDir('snapshot-bad'), 'index.json');
    writeFileSync(indexFile, '{"version": 1, "truncated');
    const loaded = await loadStartupIndex({ corpusDir: CORPUS, indexFile, logger: silent });
    expect(loaded.source).toBe('corpus');
    expect(loaded.index.corpus.documents.length).toBeGreaterThan(0);
  });
});
