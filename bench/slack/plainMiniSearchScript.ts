/**
 * The yardstick of the CLI comparison: a plain Node script that loads the saved default MiniSearch index of the same
 * passages (MINISEARCH_INDEX_FILE, see saveMiniSearchIndex), reads one question a line from stdin, and prints the
 * ids and scores of `search(question)` (default options) as one JSON line each. Run as plain JavaScript (see
 * compileBareApp), so its process start is node's alone.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import MiniSearch from 'minisearch';

const file = process.env.MINISEARCH_INDEX_FILE;
if (!file) throw new Error('MINISEARCH_INDEX_FILE is required');
const saved = JSON.parse(readFileSync(file, 'utf8')) as { index: string };
const search = MiniSearch.loadJSON(saved.index, { fields: ['heading', 'context', 'text'] });
for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  process.stdout.write(`${JSON.stringify(search.search(line).map((r) => [r.id, r.score]))}\n`);
}
