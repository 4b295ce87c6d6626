/**
 * `npm run migrate-data -- --from sqlite:./data/feedback.sqlite --to "$DATABASE_URL"`: copies a single pod's store
 * into another (usually the shared Postgres), migrating both first. Safe to run again: rows already copied are
 * skipped, so it can run once before the switch and once more after the last SQLite pod stops.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../src/log.js';
import { copyStore } from '../src/store/copyStore.js';
import {
  describeTarget,
  migrateToLatest,
  openDatabase,
  parseStoreTarget,
  type StoreDatabase,
} from '../src/store/database.js';

const USAGE = `Usage: npm run migrate-data -- --from sqlite:./data/feedback.sqlite --to postgres://user:password@host:5432/db
  --from, --to   sqlite:<file> or a postgres:// URL (TLS options in the URL, e.g. ?sslmode=require)`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const from = values.from ? parseStoreTarget(values.from) : undefined;
  const to = values.to ? parseStoreTarget(values.to) : undefined;
  if (!from || !to) {
    process.stderr.write(
      `migrate-data: ${!from ? '--from' : '--to'} must be sqlite:<file> or a postgres:// URL.\n${USAGE}\n`,
    );
    return 1;
  }
  if (describeTarget(from) === describeTarget(to)) {
    process.stderr.write('migrate-data: --from and --to are the same store.\n');
    return 1;
  }
  const logger = createLogger({ level: 'silent', pretty: false });
  const databases: StoreDatabase[] = [];
  try {
    const source = openDatabase(from, logger);
    databases.push(source);
    const target = openDatabase(to, logger);
    databases.push(target);
    await migrateToLatest(source);
    await migrateToLatest(target);
    const report = await copyStore(source, target);
    process.stdout.write(
      `Copied ${report.votes.copied} of ${report.votes.read} votes and ${report.declined.copied} of ${report.declined.read} declined questions ` +
        `(and ${report.handoffs.copied} of ${report.handoffs.read} hand-offs, ${report.mentorAnswers.copied} of ${report.mentorAnswers.read} mentor answers) ` +
        `from ${describeTarget(from)} to ${describeTarget(to)} (the rest were there already).\n`,
    );
    return 0;
  } finally {
    for (const database of databases) await database.db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`migrate-data: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
