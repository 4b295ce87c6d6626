/**
 * The REAL core for end-to-end tests: the corpus in corpus/, its index, a SQLite feedback store in a temporary
 * folder, and the bot service, exactly as main.ts wires them (with a generous rate limit).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { Corpus } from '../../src/corpus/types.js';
import { buildIndex } from '../../src/search/buildIndex.js';
import { createBotService } from '../../src/service/botService.js';
import { createRateLimiter } from '../../src/service/rateLimiter.js';
import type { BotService } from '../../src/service/types.js';
import type { Store } from '../../src/store/types.js';
import { openSqliteStore } from '../support/sqliteStore.js';

export const PUBLIC_URL = 'https://answers.example.org';

export interface RealService {
  service: BotService;
  corpus: Corpus;
  store: Store;
  close(): Promise<void>;
}

export async function createRealService(options: { perMinute?: number; store?: Store } = {}): Promise<RealService> {
  const logger = pino({ level: 'silent' });
  const corpus = await loadCorpus('corpus');
  const index = buildIndex(corpus);
  const dataDir = mkdtempSync(join(tmpdir(), 'discord-test-'));
  const store = options.store ?? (await openSqliteStore(dataDir, { logger }));
  const service = createBotService({
    index: () => index,
    store,
    publicUrl: PUBLIC_URL,
    logger,
    limiter: createRateLimiter({ perMinute: options.perMinute ?? 1000 }),
  });
  return {
    service,
    corpus,
    store,
    close: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
