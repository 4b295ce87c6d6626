/**
 * The REAL core for tests, wired once the way src/main.ts wires it: the corpus in corpus/, its index, the SQLite
 * store in a temporary DATA_DIR (or the store a test hands in), the rate limiter and (when asked) the work gate, behind the bot service.
 * Every front end's tests start from here, so a change to the wiring is made in one place.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { Logger } from '../../src/log.js';
import { buildIndex, type SearchIndex } from '../../src/search/buildIndex.js';
import { createBotService } from '../../src/service/botService.js';
import { createRateLimiter } from '../../src/service/rateLimiter.js';
import type { BotService, WorkGate } from '../../src/service/types.js';
import type { Store } from '../../src/store/types.js';
import { openSqliteStore } from './sqliteStore.js';

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
  /** The store to use (e.g. a PostgreSQL one, or one whose database is gone); a fresh SQLite store by default. */
  store?: Store;
}

export interface TestCore {
  /** The service front ends get (wrapped, when the test asked). */
  service: BotService;
  /** The real service underneath, for the test's own expectations (help content, suggestions). */
  real: BotService;
  index: SearchIndex;
  store: Store;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestCore(options: TestCoreOptions): Promise<TestCore> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const index = await corpusIndex();
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-test-data-'));
  const store = options.store ?? (await openSqliteStore(dataDir, { logger }));
  const real = createBotService({
    index: () => index,
    store,
    publicUrl: options.publicUrl,
    logger,
    limiter: createRateLimiter({ perMinute: options.rateLimitPerMinute ?? 10_000 }),
    ...(options.gate ? { gate: options.gate } : {}),
  });
  return {
    service: options.wrapService?.(real) ?? real,
    real,
    index,
    store,
    dataDir,
    close: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
