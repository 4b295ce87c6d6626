/**
 * `npm run migrate` (or `node dist/scripts/migrate.js` in the image): brings the store's schema up to date and
 * exits; the store of DATABASE_URL, else DATA_DIR's SQLite file. The bot does the same at start, under the same lock,
 * so this is for deploy pipelines that want the schema ready before the new pods roll out.
 */
import { loadConfig, loadDotenv } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { createLogger } from '../src/log.js';
import { describeTarget, migrateToLatest, openDatabase } from '../src/store/database.js';

async function main(): Promise<void> {
  loadDotenv();
  const config = loadConfig(process.env);
  const database = openDatabase(config.store, createLogger({ level: 'silent', pretty: false }));
  try {
    const applied = await migrateToLatest(database);
    const where = describeTarget(config.store);
    process.stdout.write(
      applied.length === 0 ? `${where} is up to date.\n` : `${where}: applied ${applied.join(', ')}.\n`,
    );
  } finally {
    await database.db.destroy();
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : `migrate: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
});
