import { join } from 'node:path';
import { pino } from 'pino';
import { SQLITE_STORE_FILE } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { openStore } from '../../src/store/openStore.js';
import type { Store } from '../../src/store/types.js';

/** The real SQLite store in `dataDir`, as the bot opens it with no DATABASE_URL. */
export function openSqliteStore(
  dataDir: string,
  options: { logger?: Logger; storeUserIds?: boolean; now?: () => Date } = {},
): Promise<Store> {
  return openStore({
    target: { kind: 'sqlite', file: join(dataDir, SQLITE_STORE_FILE) },
    storeUserIds: options.storeUserIds ?? false,
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.now ? { now: options.now } : {}),
  });
}
