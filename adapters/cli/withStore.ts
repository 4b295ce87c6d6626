import { createLogger } from '../../src/log.js';
import { describeTarget, type StoreTarget } from '../../src/store/database.js';
import { openStore } from '../../src/store/openStore.js';
import type { Store } from '../../src/store/types.js';

/**
 * Opens the bot's store for a maintainer's command, runs `work` with it and closes it; a store that cannot be reached
 * is one line on stderr naming where it was looked for, and exit code 1. The command's own logs stay silent.
 */
export async function withStore(
  command: string,
  target: StoreTarget,
  work: (store: Store) => Promise<void>,
): Promise<number> {
  const store = await openStore({
    target,
    storeUserIds: false,
    logger: createLogger({ level: 'silent', pretty: false }),
  });
  try {
    if (store.status() !== 'ready') {
      process.stderr.write(`${command}: cannot reach the store at ${describeTarget(target)}; is the database up?\n`);
      return 1;
    }
    await work(store);
    return 0;
  } finally {
    await store.close();
  }
}
