/**
 * Preloaded (`--import`) into a bot process by a test: when the process exits, writes the files of every CommonJS
 * module it loaded to LOADED_MODULES_FILE, as JSON. Packages imported from an ES module that ship CommonJS
 * (discord.js, pg, kysely) are in that cache too, so the list says which packages a start paid for.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;
const file = process.env.LOADED_MODULES_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(Object.keys(cache))));
