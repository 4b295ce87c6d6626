import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import MiniSearch from 'minisearch';
import ts from 'typescript';
import type { Corpus } from '../../src/corpus/types.js';
import { searchDocs } from '../engines.js';

/** The yardsticks of comparisons 3, 4 and 6, each a TypeScript file beside this one. */
export type BareAppSource = 'bareBoltApp' | 'plainMiniSearchScript';

/**
 * Transpiles a yardstick app to an ES module under `cacheDir`, so node runs it without a TypeScript loader (which
 * would slow its start and flatter the bot in the cold-start comparison). Imports resolve from the project's
 * node_modules, as the cache folder is inside the project. Returns the file to run.
 */
export async function compileBareApp(cacheDir: string, source: BareAppSource = 'bareBoltApp'): Promise<string> {
  const text = await readFile(new URL(`./${source}.ts`, import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(cacheDir, `${source}.mjs`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, outputText);
  return file;
}

/**
 * Builds a default MiniSearch index over the corpus's passages (the fields of comparison 1) and saves it, with the
 * passage texts, where bareBoltApp loads it from with `--minisearch` (MINISEARCH_INDEX_FILE). Returns the file.
 */
export async function saveMiniSearchIndex(cacheDir: string, corpus: Corpus): Promise<string> {
  const docs = searchDocs(corpus);
  const index = new MiniSearch({ fields: ['heading', 'context', 'text'] });
  index.addAll(docs);
  const file = join(cacheDir, 'minisearch-index.json');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ index: JSON.stringify(index), texts: docs.map((d) => d.text) }));
  return file;
}
