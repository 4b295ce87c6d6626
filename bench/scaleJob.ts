/**
 * One measured step of the scale comparison, run in a fresh process by scale.ts (so each figure of memory is
 * one engine's alone): `build` builds an engine's index, writes its serialized form and times queries; `load`
 * reads that file back. Prints its figures as one JSON line.
 *
 *   node --expose-gc --import tsx bench/scaleJob.ts build|load <job.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Corpus } from '../src/corpus/types.js';
import { createEngine, searchDocs, type EngineName } from './engines.js';
import { peakRss } from './support/processes.js';
import { latencyOf, timed, timeEach, type Latency } from './support/stats.js';

/** What scale.ts hands a job. */
export interface ScaleJob {
  engine: EngineName;
  corpusFile: string;
  indexFile: string;
  /** Questions to time (build jobs only; none to time the build alone). */
  questionsFile?: string;
  warmUp: number;
  /** Questions timed after the warm-up (the first of the file's): fewer for the slow libraries, to bound the run. */
  timed: number;
}

/** A build job's figures. */
export interface BuildFigures {
  buildMs: number;
  serializeMs: number;
  serializedBytes: number;
  /** RSS growth from the corpus alone to corpus + index, after a full GC. */
  indexRssBytes: number;
  /** RSS after the build with the corpus held, after a full GC. */
  rssBytes: number;
  peakRssBytes: number;
  latency?: Latency;
}

/** A load job's figures. */
export interface LoadFigures {
  loadMs: number;
  /** Passages held beside the index (0 when the index holds them itself). */
  passages: number;
  rssBytes: number;
  peakRssBytes: number;
}

const collect = () => (globalThis as { gc?: () => void }).gc?.();
const rss = () => {
  collect();
  return process.memoryUsage().rss;
};

function build(job: ScaleJob): BuildFigures {
  const corpus = JSON.parse(readFileSync(job.corpusFile, 'utf8')) as Corpus;
  const docs = searchDocs(corpus);
  const before = rss();
  const engine = createEngine(job.engine);
  const { ms: buildMs } = timed(() => engine.build(corpus, docs));
  const after = rss();
  const { result: saved, ms: serializeMs } = timed(() => engine.serialize());
  writeFileSync(job.indexFile, saved);
  const serializedBytes = Buffer.byteLength(saved);
  let latency: Latency | undefined;
  if (job.questionsFile) {
    const questions = JSON.parse(readFileSync(job.questionsFile, 'utf8')) as string[];
    const warmUp = questions.slice(0, job.warmUp);
    latency = latencyOf(timeEach(questions.slice(job.warmUp, job.warmUp + job.timed), (q) => engine.query(q), warmUp));
  }
  return {
    buildMs,
    serializeMs,
    serializedBytes,
    indexRssBytes: after - before,
    rssBytes: after,
    peakRssBytes: peakRss(process.pid) ?? 0,
    ...(latency ? { latency } : {}),
  };
}

function load(job: ScaleJob): LoadFigures {
  const engine = createEngine(job.engine);
  // A library's index holds ids only: an app also loads the passages it shows (untimed here), as ours does
  // inside its own index. So every process ends up holding index and passages.
  const passages = engine.storesPassages ? undefined : (JSON.parse(readFileSync(job.corpusFile, 'utf8')) as Corpus);
  const saved = engine.savedAs === 'bytes' ? readFileSync(job.indexFile) : readFileSync(job.indexFile, 'utf8');
  const { ms: loadMs } = timed(() => engine.load(saved));
  const rssBytes = rss();
  return { loadMs, rssBytes, peakRssBytes: peakRss(process.pid) ?? 0, passages: passages?.passages.length ?? 0 };
}

const [kind, jobFile] = process.argv.slice(2);
const job = JSON.parse(readFileSync(jobFile!, 'utf8')) as ScaleJob;
console.log(JSON.stringify(kind === 'load' ? load(job) : build(job)));
