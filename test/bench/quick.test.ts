import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { resultsDir } from '../../bench/outputDir.js';

const run = promisify(execFile);

/**
 * Keeps `npm run bench` working: the --quick run must finish and report all six comparisons. It asserts nothing
 * about time (the machine running tests is busy with other tests): the figures are for people to read.
 */
describe('npm run bench -- --quick', () => {
  let out: string | undefined;
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('prints and writes all six comparisons, the goals and the chart', async () => {
    out = await mkdtemp(join(tmpdir(), 'bench-'));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const sections = [
      '## 1. Retrieval',
      '## 2. Scale',
      '## 3. Slack endpoint',
      '## 4. Cold start',
      '## 5. Store',
      '## 6. Command line',
      '## Goals',
    ];
    for (const section of sections) expect(stdout).toContain(section);

    const results = await readFile(join(out, 'results.md'), 'utf8');
    for (const section of sections) expect(results).toContain(section);
    expect(results).toMatch(/Node v\d+/);
    for (const engine of ['answerQuestion (ours)', 'MiniSearch', 'lunr', 'FlexSearch'])
      expect(results).toContain(`| ${engine} |`);
    for (const app of ['bot', 'bot, index saved', 'bare Bolt app', 'bare Bolt app + MiniSearch', 'bot via npm start'])
      expect(results).toContain(`| ${app} |`);
    // The Slack endpoint on distinct questions and on one repeated question (the answer cache's case).
    expect(results).toContain('| bot | distinct questions |');
    expect(results).toContain('| bot | one repeated question |');
    // Every request was signed well enough to be answered: no 401s from a signature check.
    expect(results).toMatch(/\| bot \|[^\n]*\| 0\/0\/0 \|/);
    expect(results).toMatch(/\| bare Bolt app \|[^\n]*\| 0\/0\/0 \|/);
    expect(results).toMatch(/\| bare Bolt app \+ MiniSearch \|[^\n]*\| 0\/0\/0 \|/);
    // The command line against the plain MiniSearch script, and the goals row by row with the MiniSearch floor.
    expect(results).toMatch(/\| npm run --silent ask -- --json < 200 questions \| [\d.]+ \|/);
    expect(results).toContain('| Goal | target | measured | MiniSearch floor | met |');
    expect(results).toMatch(/\| Slack: signed `\/backend`[^\n]*\| [\d.]+x req\/s, p99 [\d.]+x \| (yes|no) \|/);
    // Both stores measured (the PostgreSQL server comes from the package .ci/run installs).
    expect(results).toMatch(/^\| SQLite [^|]* \| \d+ \| [\d.]+ \| [\d.]+ \|$/m);
    expect(results).toMatch(/^\| PostgreSQL [^|]* \| \d+ \| [\d.]+ \| [\d.]+ \|$/m);

    const svg = await readFile(join(out, 'retrieval.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('answerQuestion (ours)');
  }, 300_000);
});

describe('where a bench run writes', () => {
  it('a quick run without --out writes nothing, so the committed bench/results.md and chart stay', () => {
    expect(resultsDir({ quick: true })).toBeUndefined();
    expect(resultsDir({ quick: true, out: '/tmp/x' })).toBe('/tmp/x');
    expect(resultsDir({ quick: false })).toBe('bench');
    expect(resultsDir({ quick: false, partial: true })).toBeUndefined();
  });
});
