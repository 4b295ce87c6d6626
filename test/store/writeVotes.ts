/**
 * A second bot process for the concurrency test: opens the SQLite store in its own process, says "ready", waits for
 * "go" on stdin so both writers start together, then writes as fast as it can, the way two Discord shards sharing
 * DATA_DIR would.
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { pino } from 'pino';
import { SQLITE_STORE_FILE } from '../../src/config.js';
import { openStore } from '../../src/store/openStore.js';

const [dataDir, label, countText] = process.argv.slice(2);
// Listening on stdin from the start keeps this process alive while it waits for its store: the store's retry timer
// is unref'd (it never holds a bot open), so with nothing else pending the process would exit mid-wait (code 13).
const go = once(process.stdin, 'data');
// Two processes migrating a fresh file at once: the one that loses may find the store unavailable at first, and
// the store then retries by itself, as in the bot. Wait for it to be ready, as the bot's calls would.
let markReady = () => {};
const ready = new Promise<void>((resolve) => (markReady = resolve));
const store = await openStore({
  target: { kind: 'sqlite', file: join(dataDir!, SQLITE_STORE_FILE) },
  storeUserIds: false,
  logger: pino({ level: 'silent' }),
  onStatus: (status) => status === 'ready' && markReady(),
});
if (store.status() !== 'ready') await ready;
process.stdout.write('ready\n');
await go;
// Declined questions are recorded as the bot records them: without waiting for each (they are written in batches).
const declined: Promise<void>[] = [];
for (let i = 0; i < Number(countText); i++) {
  await store.votes.record({
    platform: 'discord',
    question: `${label} question ${i}`,
    passageId: `${label}#${i}`,
    helpful: i % 2 === 0,
  });
  declined.push(store.declined.record({ platform: 'discord', question: `${label} declined ${i}` }));
}
await Promise.all(declined);
await store.close();
process.stdin.destroy();
