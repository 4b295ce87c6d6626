import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServiceObserver } from '../service/types.js';
import type { StoreStatus } from '../store/types.js';

/**
 * Answer latency buckets in seconds: answers take well under a millisecond, so the low end is fine-grained,
 * and the top catches a process that is stalling.
 */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** What a corpus (re)load produced, for the corpus gauges. */
export interface CorpusStats {
  documents: number;
  passages: number;
  /** Files skipped with a warning. */
  skippedFiles: number;
}

/** The bot's Prometheus metrics: the service reports into `observer`, the corpus watcher into `corpusLoaded`/`reloadFailed`. */
export interface Metrics {
  readonly observer: ServiceObserver;
  corpusLoaded(stats: CorpusStats, at?: Date): void;
  reloadFailed(): void;
  /** The store's status changed (`bot_store_up`: 1 ready, 0 unavailable). */
  storeStatus(status: StoreStatus): void;
  /** The exposition for GET /metrics. */
  render(): Promise<string>;
  readonly contentType: string;
}

/**
 * Creates the metrics on a registry of their own (not prom-client's global one), so two bots in one
 * process — as in tests — never collide, and nothing else's metrics leak into /metrics.
 */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const questions = new Counter({
    name: 'bot_questions_total',
    help: 'Questions asked, by platform and outcome (answered, declined, rate_limited, busy, error).',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'bot_answer_duration_seconds',
    help: 'Time from question to answer inside the service, by platform.',
    labelNames: ['platform'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const passages = new Histogram({
    name: 'bot_answer_passages',
    help: 'Passages in each answer given.',
    buckets: [0, 1, 2, 3, 4, 5, 10],
    registers: [registry],
  });
  const feedback = new Counter({
    name: 'bot_feedback_total',
    help: 'Helpful / not helpful votes, by platform.',
    labelNames: ['platform', 'helpful'] as const,
    registers: [registry],
  });
  const corpusDocuments = new Gauge({
    name: 'bot_corpus_documents',
    help: 'Documents in the index being served.',
    registers: [registry],
  });
  const corpusPassages = new Gauge({
    name: 'bot_corpus_passages',
    help: 'Passages in the index being served.',
    registers: [registry],
  });
  const corpusSkipped = new Gauge({
    name: 'bot_corpus_skipped_files',
    help: 'Corpus files skipped with a warning at the last successful load.',
    registers: [registry],
  });
  const lastReload = new Gauge({
    name: 'bot_corpus_last_reload_timestamp_seconds',
    help: 'Unix time the index being served was loaded.',
    registers: [registry],
  });
  const reloadFailures = new Counter({
    name: 'bot_corpus_reload_failures_total',
    help: 'Corpus rebuilds that failed and left the previous index in service.',
    registers: [registry],
  });

  const storeUp = new Gauge({
    name: 'bot_store_up',
    help: 'Whether the store (SQLite or PostgreSQL) accepts reads and writes: 1 yes, 0 no (votes are refused with "try again").',
    registers: [registry],
  });

  return {
    observer: {
      answered(event) {
        questions.inc({ platform: event.platform, outcome: event.outcome });
        // Refusals (rate limit, busy) cost nothing; timing them would drag the latency percentiles down.
        if (event.outcome === 'answered' || event.outcome === 'declined') {
          latency.observe({ platform: event.platform }, event.seconds);
          passages.observe(event.passages);
        }
      },
      voted(event) {
        feedback.inc({ platform: event.platform, helpful: String(event.helpful) });
      },
    },
    corpusLoaded(stats, at = new Date()) {
      corpusDocuments.set(stats.documents);
      corpusPassages.set(stats.passages);
      corpusSkipped.set(stats.skippedFiles);
      lastReload.set(at.getTime() / 1000);
    },
    reloadFailed() {
      reloadFailures.inc();
    },
    storeStatus(status) {
      storeUp.set(status === 'ready' ? 1 : 0);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
