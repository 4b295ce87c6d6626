/**
 * A second bot process for the concurrency test: opens the store in its own process, says "ready", waits for "go"
 * on stdin so both writers start together, then writes as fast as it can, the way two Discord shards sharing
 * DATA_DIR would.
 */
import { once } from 'node:events';
import { pino } from 'pino';
import { openFeedbackStore } from '../../src/feedback/sqliteStore.js';

const [dataDir, label, countText] = process.argv.slice(2);
const store = openFeedbackStore({ dataDir: dataDir!, storeUserIds: false, logger: pino({ level: 'error' }) });
process.stdout.write('ready\n');
await once(process.stdin, 'data');
for (let i = 0; i < Number(countText); i++) {
  store.recordVote({
    platform: 'discord',
    question: `${label} question ${i}`,
    passageId: `${label}#${i}`,
    helpful: i % 2 === 0,
  });
  store.recordDeclined({ platform: 'discord', question: `${label} declined ${i}` });
}
store.close();
process.stdin.destroy();
