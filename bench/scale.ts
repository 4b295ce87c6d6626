/**
 * Comparison 2: the contenders on the large generated corpus. Every build and every load runs in a fresh
 * process (scaleJob.ts) so memory figures belong to one engine; builds of ours and MiniSearch (the goal's pair)
 * are repeated and their median reported.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { ENGINE_NAMES, type EngineName } from './engines.js';
import { ensureLargeCorpus, type LargeCorpusInfo, type LargeCorpusTarget } from './largeCorpus.js';
import { corpusQuestions } from './questions.js';
import type { BuildFigures, LoadFigures, ScaleJob } from './scaleJob.js';
import { runTsJob } from './support/processes.js';
import { median, type Latency } from './support/stats.js';

export interface ScaleOptions {
  cacheDir: string;
  target: LargeCorpusTarget;
  gold: readonly string[];
  /** Questions timed per engine, after `warmUp` untimed ones. */
  questions: number;
  /**
   * Questions timed for MiniSearch and lunr, the first `libraryQuestions` of the same set: at this size a raw search
   * of a broad word takes them up to a second, and the whole set would make the run last most of an hour.
   */
  libraryQuestions: number;
  warmUp: number;
  /** Builds and loads of ours and MiniSearch; the other libraries are built and loaded once. */
  repeats: number;
  /** Called before each step, for progress lines. */
  progress: (message: string) => void;
}

export interface ScaleEngineResult {
  engine: EngineName;
  /** Median over the runs in `buildRuns`. */
  buildMs: number;
  buildRuns: number[];
  serializeMs: number;
  serializedBytes: number;
  loadMs: number;
  loadRuns: number[];
  /** RSS of a process holding corpus and the freshly built index, after GC. */
  rssAfterBuildBytes: number;
  /** What the index adds to the RSS of the corpus alone. */
  indexRssBytes: number;
  /** RSS of a process that loaded the serialized index (and, for the libraries, the passages), after GC. */
  rssAfterLoadBytes: number;
  peakRssBytes: number;
  latency: Latency;
}

export interface ScaleResult {
  corpus: LargeCorpusInfo & { documents: number; passages: number; passageTextBytes: number; loadCorpusMs: number };
  questions: number;
  libraryQuestions: number;
  warmUp: number;
  engines: ScaleEngineResult[];
}

const REPEATED: readonly EngineName[] = ['answerQuestion (ours)', 'MiniSearch'];
/** The engines that time `libraryQuestions` instead of `questions`. */
const SLOW_LIBRARIES: readonly EngineName[] = ['MiniSearch', 'lunr'];

/** Runs comparison 2. */
export async function compareAtScale(options: ScaleOptions): Promise<ScaleResult> {
  const { cacheDir } = options;
  await mkdir(cacheDir, { recursive: true });
  options.progress(`generating the large corpus (${options.target.passages.toLocaleString('en')}+ passages)`);
  const info = await ensureLargeCorpus(join(cacheDir, `corpus-${options.target.passages}`), options.target);

  options.progress('loading it with loadCorpus');
  const started = performance.now();
  const corpus = await loadCorpus(info.dir);
  const loadCorpusMs = performance.now() - started;
  const corpusFile = join(cacheDir, 'scale-corpus.json');
  const questionsFile = join(cacheDir, 'scale-questions.json');
  const questions = corpusQuestions(corpus, options.gold, options.questions + options.warmUp, options.target.seed);
  await writeFile(corpusFile, JSON.stringify(corpus));
  await writeFile(questionsFile, JSON.stringify(questions));
  const corpusFigures = {
    ...info,
    documents: corpus.documents.length,
    passages: corpus.passages.length,
    passageTextBytes: corpus.passages.reduce((sum, p) => sum + Buffer.byteLength(p.text), 0),
    loadCorpusMs,
  };

  const builds = new Map<EngineName, BuildFigures[]>(ENGINE_NAMES.map((e) => [e, []]));
  const loads = new Map<EngineName, LoadFigures[]>(ENGINE_NAMES.map((e) => [e, []]));
  const job = async (kind: 'build' | 'load', engine: EngineName, timeQueries: boolean) => {
    const timed = SLOW_LIBRARIES.includes(engine) ? options.libraryQuestions : options.questions;
    const spec: ScaleJob = {
      engine,
      timed,
      corpusFile,
      indexFile: join(cacheDir, `scale-index-${ENGINE_NAMES.indexOf(engine)}.json`),
      ...(timeQueries ? { questionsFile } : {}),
      warmUp: options.warmUp,
    };
    const specFile = join(cacheDir, `scale-job-${ENGINE_NAMES.indexOf(engine)}.json`);
    await writeFile(specFile, JSON.stringify(spec));
    options.progress(`${kind} ${engine}${timeQueries ? `, then ${timed.toLocaleString('en')} questions` : ''}`);
    if (kind === 'build')
      builds.get(engine)!.push(await runTsJob<BuildFigures>('bench/scaleJob.ts', ['build', specFile]));
    else loads.get(engine)!.push(await runTsJob<LoadFigures>('bench/scaleJob.ts', ['load', specFile]));
  };
  for (let round = 0; round < options.repeats; round++) {
    for (let k = 0; k < ENGINE_NAMES.length; k++) {
      const engine = ENGINE_NAMES[(round + k) % ENGINE_NAMES.length]!;
      if (round > 0 && !REPEATED.includes(engine)) continue;
      await job('build', engine, round === 0);
      await job('load', engine, false);
    }
  }

  const engines = ENGINE_NAMES.map((engine): ScaleEngineResult => {
    const b = builds.get(engine)!;
    const l = loads.get(engine)!;
    const first = b[0]!;
    return {
      engine,
      buildMs: median(b.map((f) => f.buildMs)),
      buildRuns: b.map((f) => f.buildMs),
      serializeMs: first.serializeMs,
      serializedBytes: first.serializedBytes,
      loadMs: median(l.map((f) => f.loadMs)),
      loadRuns: l.map((f) => f.loadMs),
      rssAfterBuildBytes: median(b.map((f) => f.rssBytes)),
      indexRssBytes: median(b.map((f) => f.indexRssBytes)),
      rssAfterLoadBytes: median(l.map((f) => f.rssBytes)),
      peakRssBytes: Math.max(...b.map((f) => f.peakRssBytes)),
      latency: first.latency!,
    };
  });
  return {
    corpus: corpusFigures,
    questions: options.questions,
    libraryQuestions: options.libraryQuestions,
    warmUp: options.warmUp,
    engines,
  };
}
