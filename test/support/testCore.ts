/**
 * The REAL core for tests, wired once the way src/main.ts wires it: the corpus in corpus/, its index, a SQLite
 * feedback store in a temporary DATA_DIR, the rate limiter and (when asked) the work gate, behind the bot service.
 * Every front end's tests start from here, so a change to the wiring is made in one place.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { openFeedbackStore } from '../../src/feedback/sqliteStore.js';
import type { FeedbackStore } from '../../src/feedback/types.js';
import type { Logger } from '../../src/log.js';
import { buildIndex, type SearchIndex } from '../../src/search/buildIndex.js';
import { createBotService } from '../../src/service/botService.js';
import { createRateLimiter } from '../../src/service/rateLimiter.js';
import type { BotService, WorkGate } from '../../src/service/types.js';

/** The repository's corpus folder: tests answer from the real documents. */
export const CORPUS_DIR = join(import.meta.dirname, '..', '..', 'corpus');

let cachedIndex: Promise<SearchIndex> | undefined;
/** The real corpus, indexed once per test file (the index is immutable, so sharing it is safe). */
export function corpusIndex(): Promise<SearchIndex> {
  cachedIndex ??= loadCorpus(CORPUS_DIR).then(buildIndex);
  return cachedIndex;
}

export interface TestCoreOptions {
  /** The origin citations link to. */
  publicUrl: string;
  logger?: Logger;
  /** Questions per user per minute for the real limiter; generous by default so only a test that wants it hits it. */
  rateLimitPerMinute?: number;
  /** The concurrency gate (e.g. a full one, to see "busy"); none by default. */
  gate?: WorkGate;
  /** Wraps the real service, e.g. to slow it down or make it throw: the faults real life brings. */
  wrapService?: (service: BotService) => BotService;
}

export interface TestCore {
  /** The service front ends get (wrapped, when the test asked). */
  service: BotService;
  /** The real service underneath, for the test's own expectations (help content, suggestions). */
  real: BotService;
  index: SearchIndex;
  feedback: FeedbackStore;
  dataDir: string;
  close(): void;
}

export async function startTestCore(options: TestCoreOptions): Promise<TestCore> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const index = await corpusIndex();
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-test-data-'));
  const feedback = openFeedbackStore({ dataDir, storeUserIds: false, logger });
  const real = createBotService({
    index: () => index,
    feedback,
    publicUrl: options.publicUrl,
    logger,
    limiter: createRateLimiter({ perMinute: options.rateLimitPerMinute ?? 10_000 }),
    ...(options.gate ? { gate: options.gate } : {}),
  });
  return {
    service: options.wrapService?.(real) ?? real,
    real,
    index,
    feedback,
    dataDir,
    close: () => {
      feedback.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
