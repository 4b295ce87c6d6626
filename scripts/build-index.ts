/**
 * `npm run build-index`: indexes CORPUS_DIR once and writes the serialized index to INDEX_FILE
 * (default DATA_DIR/index.json), which the bot loads at start while it still matches the folder. The Docker
 * build runs it so a container serving thousands of documents starts in a blink.
 */
import { loadConfig, loadDotenv } from '../src/config.js';
import { writeIndexSnapshot } from '../src/index/indexSnapshot.js';
import { buildIndexFromFolder } from '../src/index/buildIndexFromFolder.js';
import { ConfigError } from '../src/errors.js';
import { createLogger } from '../src/log.js';
import { terminalProgress } from '../src/observability/progressBar.js';
import { corpusFingerprint } from '../src/index/serialize.js';

async function main(): Promise<void> {
  loadDotenv();
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel, pretty: config.logPretty });
  const started = performance.now();
  // Taken before reading, so a file changed while indexing makes the snapshot stale rather than wrong.
  const fingerprint = await corpusFingerprint(config.corpusDir);
  const progress = terminalProgress(process.stderr, 'Indexing');
  const index = await buildIndexFromFolder(config.corpusDir, { logger, onProgress: progress.onProgress }).finally(() =>
    progress.stop(),
  );
  await writeIndexSnapshot(config.indexFile, index, fingerprint);
  const { documents, passages, warnings } = index.corpus;
  process.stdout.write(
    `Indexed ${documents.length} documents (${passages.length} passages, ${warnings.length} files skipped) ` +
      `in ${Math.round(performance.now() - started)} ms: ${config.indexFile}\n`,
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : `build-index: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
});
