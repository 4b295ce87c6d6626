/**
 * Comparison 1: time per question on the seed corpus, our full answer against the libraries' raw searches, all
 * in one process on the same passages and questions. Engines take turns in rounds (rotating who goes first), so
 * a burst of load from elsewhere on the machine lands on all of them rather than on one.
 */
import type { Corpus } from '../src/corpus/types.js';
import { createEngine, ENGINE_NAMES, searchDocs, type EngineName } from './engines.js';
import { latencyOf, median, timeEach, type Latency } from './support/stats.js';

/** One engine's figures over all rounds. */
export interface EngineLatency {
  engine: EngineName;
  /** Over every timed question of every round. */
  latency: Latency;
  /** The median of each round, to show how steady the figure was. */
  roundMedians: number[];
}

export interface RetrievalResult {
  documents: number;
  passages: number;
  questions: number;
  distinctQuestions: number;
  rounds: number;
  warmUp: number;
  engines: EngineLatency[];
}

export interface RetrievalOptions {
  questions: readonly string[];
  /** Asked untimed before each round. */
  warmUp: readonly string[];
  rounds: number;
}

/** Runs comparison 1. */
export function compareRetrieval(corpus: Corpus, options: RetrievalOptions): RetrievalResult {
  const docs = searchDocs(corpus);
  const engines = ENGINE_NAMES.map((name) => {
    const engine = createEngine(name);
    engine.build(corpus, docs);
    return engine;
  });
  const samples = engines.map(() => [] as number[]);
  const roundMedians = engines.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < engines.length; k++) {
      const i = (round + k) % engines.length;
      const durations = timeEach(options.questions, (q) => engines[i]!.query(q), options.warmUp);
      samples[i]!.push(...durations);
      roundMedians[i]!.push(median(durations));
    }
  }
  return {
    documents: corpus.documents.length,
    passages: corpus.passages.length,
    questions: options.questions.length,
    distinctQuestions: new Set(options.questions).size,
    rounds: options.rounds,
    warmUp: options.warmUp.length,
    engines: engines.map((e, i) => ({
      engine: e.name as EngineName,
      latency: latencyOf(samples[i]!),
      roundMedians: roundMedians[i]!,
    })),
  };
}
