import { createRequire } from 'node:module';

/**
 * kysely's values, from its CommonJS build. Its ES-module build is 280 files, which Node's loader hooks (tsx, in
 * development and in the tests that spawn the bot) make about four times slower to load than the same code
 * required, costing every start seconds on a busy machine. All of src/store takes kysely's values from here, so
 * one build is loaded and `instanceof` checks inside kysely hold; types still come from 'kysely'.
 */
const kysely = createRequire(import.meta.url)('kysely') as typeof import('kysely');

export const { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } = kysely;
