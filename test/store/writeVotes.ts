/**
 * A second bot process for the concurrency test: opens the SQLite store in its own process, says "ready", waits for
 * "go" on stdin so both writers start together, then writes as fast as it can, the way two Discord shards sharing
 * DATA_DIR would.
 */
import { once } from 'node:events';
import { openSqliteStore } from '../support/sqliteStore.js';

const [dataDir, label, countText] = process.argv.slice(2);
const store = await openSqliteStore(dataDir!);
if (store.status() !== 'ready') throw new Error('store not ready');
process.stdout.write('ready\n');
await once(process.stdin, 'data');
for (let i = 0; i < Number(countText); i++) {
  await store.votes.record({
    platform: 'discord',
    question: `${label} question ${i}`,
    passageId: `${label}#${i}`,
    helpful: i % 2 === 0,
  });
  await store.declined.record({ platform: 'discord', question: `${label} declined ${i}` });
}
await store.close();
process.stdin.destroy();
