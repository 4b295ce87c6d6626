/**
 * `npm run bench`: the comparisons of the benchmark issues, side by side on one machine, printed as tables
 * and written to bench/results.md with a chart (bench/retrieval.svg). Figures, not tests: nothing here fails on
 * a time.
 *
 *   npm run bench                       all six, full size (about 15 minutes on 2 cores)
 *   npm run bench -- --quick            a small version of all six (under a minute), e.g. for CI; prints only,
 *                                       writing results.md and retrieval.svg only where --out says
 *   npm run bench -- --only retrieval,scale,slack,cold,store,cli    some of them (prints only, like --quick)
 *   npm run bench -- --out DIR          write results.md and retrieval.svg to DIR instead of bench/
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { compareCli } from './cli.js';
import { compareColdStart } from './coldStart.js';
import { compareEndpoint } from './endpoint.js';
import { resultsDir } from './outputDir.js';
import { goldQuestions, questionSet } from './questions.js';
import { renderResultsMarkdown, renderRetrievalSvg, renderTables, type BenchResults } from './report.js';
import { compareRetrieval } from './retrieval.js';
import { compareAtScale } from './scale.js';
import { compareStores } from './store.js';
import { compileBareApp, saveMiniSearchIndex } from './slack/compileBareApp.js';
import { startStandInSlackApi } from './slack/standInSlackApi.js';
import { currentLoad, describeMachine } from './support/machine.js';

const COMPARISONS = ['retrieval', 'scale', 'slack', 'cold', 'store', 'cli'] as const;
type Comparison = (typeof COMPARISONS)[number];

/** Sizes of a run; `--quick` shrinks every comparison so the whole script is exercised in under a minute. */
const SIZES = {
  full: {
    retrieval: { questions: 5_000, warmUp: 500, rounds: 3 },
    scale: { passages: 105_000, bytes: 52_000_000, questions: 600, libraryQuestions: 200, warmUp: 50, repeats: 2 },
    slack: { connections: 10, durationSeconds: 10, warmUpSeconds: 2, repeats: 3 },
    cold: { repeats: 5 },
    store: { votes: 5_000, warmUp: 200, concurrency: 16 },
    cli: { questions: 5_000, repeats: 5 },
  },
  quick: {
    retrieval: { questions: 500, warmUp: 100, rounds: 1 },
    scale: { passages: 2_000, bytes: 1_000_000, questions: 100, libraryQuestions: 50, warmUp: 20, repeats: 1 },
    slack: { connections: 10, durationSeconds: 2, warmUpSeconds: 1, repeats: 1 },
    cold: { repeats: 1 },
    store: { votes: 300, warmUp: 20, concurrency: 16 },
    cli: { questions: 200, repeats: 1 },
  },
} as const;

const SEED = 20_240_614;
const CACHE_DIR = resolve('bench/.cache');

const progress = (message: string) => process.stderr.write(`… ${message}\n`);

/** The newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The bot is measured as `npm start` runs it, from dist/: rebuild it unless it is newer than its sources. */
function ensureBuilt(always: boolean): void {
  const main = 'dist/start/main.js';
  const stale = !existsSync(main) || statSync(main).mtimeMs < Math.max(newestMtime('src'), newestMtime('adapters'));
  if (!always && !stale) return;
  progress('npm run build (the bot runs from dist/, as npm start runs it)');
  const before = existsSync(main) ? statSync(main).mtimeMs : 0;
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    // tsc still emits when it reports type errors elsewhere; what matters is a fresh entry point.
    if (!existsSync(main) || statSync(main).mtimeMs === before) throw new Error(`npm run build did not write ${main}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const sizes = quick ? SIZES.quick : SIZES.full;
  const only = new Set<Comparison>(
    values.only
      ? values.only
          .split(',')
          .map((s) => s.trim() as Comparison)
          .filter((s) => COMPARISONS.includes(s))
      : COMPARISONS,
  );
  const results: BenchResults = { quick, machine: describeMachine() };
  const gold = goldQuestions();

  if (only.has('retrieval')) {
    progress('comparison 1: retrieval on the seed corpus');
    const corpus = await loadCorpus('corpus');
    results.retrieval = compareRetrieval(corpus, {
      questions: questionSet(gold, sizes.retrieval.questions, SEED),
      warmUp: questionSet(gold, sizes.retrieval.warmUp, SEED + 1),
      rounds: sizes.retrieval.rounds,
    });
  }
  if (only.has('scale')) {
    progress('comparison 2: scale');
    const { passages, bytes, questions, libraryQuestions, warmUp, repeats } = sizes.scale;
    results.scale = await compareAtScale({
      cacheDir: CACHE_DIR,
      target: { passages, bytes, seed: SEED },
      gold,
      questions,
      libraryQuestions,
      warmUp,
      repeats,
      progress,
    });
  }
  const needsApps = only.has('slack') || only.has('cold') || only.has('cli');
  if (needsApps) ensureBuilt(!quick);
  const miniSearchIndexFile = needsApps ? await saveMiniSearchIndex(CACHE_DIR, await loadCorpus('corpus')) : '';
  if (only.has('slack') || only.has('cold')) {
    const api = await startStandInSlackApi();
    try {
      const start = {
        slackApiUrl: api.apiUrl,
        bareAppFile: await compileBareApp(CACHE_DIR),
        miniSearchIndexFile,
        workDir: join(CACHE_DIR, 'apps'),
      };
      if (only.has('slack')) {
        progress('comparison 3: Slack endpoint under load');
        results.endpoint = await compareEndpoint({
          ...start,
          ...sizes.slack,
          questions: questionSet(gold, 5_000, SEED + 2),
          responseUrl: api.responseUrl,
          followUps: api.followUps,
          progress,
        });
      }
      if (only.has('cold')) {
        progress('comparison 4: cold start');
        results.coldStart = await compareColdStart({ ...start, repeats: sizes.cold.repeats, progress });
      }
    } finally {
      await api.close();
    }
  }
  if (only.has('cli')) {
    progress('comparison 6: the command line, process start included');
    results.cli = await compareCli({
      questions: questionSet(gold, sizes.cli.questions, SEED + 3),
      repeats: sizes.cli.repeats,
      workDir: CACHE_DIR,
      plainScript: { file: await compileBareApp(CACHE_DIR, 'plainMiniSearchScript'), indexFile: miniSearchIndexFile },
      progress,
    });
  }
  if (only.has('store')) {
    progress('comparison 5: the store, SQLite and PostgreSQL');
    results.store = await compareStores({ ...sizes.store, progress });
  }
  results.machine.loadAtEnd = currentLoad();

  console.log(renderTables(results));
  const dir = resultsDir({ quick, partial: only.size < COMPARISONS.length, out: values.out });
  if (dir === undefined) {
    progress(
      'quick or partial run: figures printed only, bench/results.md left as it is (add --out DIR to write them)',
    );
    return;
  }
  const out = resolve(dir);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'results.md'), renderResultsMarkdown(results));
  await writeFile(join(out, 'retrieval.svg'), renderRetrievalSvg(results));
  progress(`wrote ${join(out, 'results.md')} and ${join(out, 'retrieval.svg')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
