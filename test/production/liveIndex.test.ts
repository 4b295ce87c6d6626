import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildIndexFromFolder } from '../../src/index/buildIndexFromFolder.js';
import { createLiveIndex } from '../../src/index/liveIndex.js';
import type { SearchIndex } from '../../src/search/buildIndex.js';
import { CORPUS } from './botProcess.js';

const silent = pino({ level: 'silent' });

/** A rebuild the test finishes by hand, counting how often it was started. */
function manualRebuilds(next: SearchIndex) {
  const pending: { resolve: (index: SearchIndex) => void; reject: (error: Error) => void }[] = [];
  return {
    started: () => pending.length,
    rebuild: () => new Promise<SearchIndex>((resolve, reject) => pending.push({ resolve, reject })),
    finish: (n: number) => pending[n]!.resolve(next),
    fail: (n: number) => pending[n]!.reject(new Error('disk on fire')),
  };
}

describe('live index', () => {
  it('serves the old index during a rebuild and swaps the new one in whole', async () => {
    const [oldIndex, newIndex] = await Promise.all([buildIndexFromFolder(CORPUS), buildIndexFromFolder(CORPUS)]);
    const rebuilds = manualRebuilds(newIndex);
    const swaps: SearchIndex[] = [];
    const live = createLiveIndex({
      dir: CORPUS,
      initial: oldIndex,
      logger: silent,
      rebuild: rebuilds.rebuild,
      onSwap: (i) => swaps.push(i),
    });

    const reloading = live.reload();
    expect(live.current).toBe(oldIndex);
    rebuilds.finish(0);
    expect(await reloading).toBe(true);
    expect(live.current).toBe(newIndex);
    expect(live.generation).toBe(1);
    expect(swaps).toEqual([newIndex]);
  });

  it('rebuilds once more when the folder changes during a rebuild, never two at once', async () => {
    const index = await buildIndexFromFolder(CORPUS);
    const rebuilds = manualRebuilds(index);
    const live = createLiveIndex({ dir: CORPUS, initial: index, logger: silent, rebuild: rebuilds.rebuild });
    const first = live.reload();
    void live.reload();
    void live.reload();
    expect(rebuilds.started()).toBe(1);
    rebuilds.finish(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(rebuilds.started()).toBe(2);
    rebuilds.finish(1);
    expect(await first).toBe(true);
    expect(live.generation).toBe(2);
  });

  it('keeps the old index when a rebuild fails, and reports the failure', async () => {
    const index = await buildIndexFromFolder(CORPUS);
    const rebuilds = manualRebuilds(index);
    const failures: unknown[] = [];
    const live = createLiveIndex({
      dir: CORPUS,
      initial: index,
      logger: silent,
      rebuild: rebuilds.rebuild,
      onFailure: (e) => failures.push(e),
    });
    const reloading = live.reload();
    rebuilds.fail(0);
    expect(await reloading).toBe(false);
    expect(live.current).toBe(index);
    expect(live.generation).toBe(0);
    expect(failures).toHaveLength(1);
  });

  it('close() cancels a rebuild under way rather than waiting for it', async () => {
    const index = await buildIndexFromFolder(CORPUS);
    let aborted = false;
    const live = createLiveIndex({
      dir: CORPUS,
      initial: index,
      logger: silent,
      rebuild: (signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('cancelled'));
          }),
        ),
    });
    const reloading = live.reload();
    await live.close();
    expect(aborted).toBe(true);
    expect(await reloading).toBe(false);
    expect(live.current).toBe(index);
  });
});
