import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/**
 * Transpiles bareBoltApp.ts to an ES module under `cacheDir`, so node runs it without a TypeScript loader (which
 * would slow its start and flatter the bot in the cold-start comparison). Imports resolve from the project's
 * node_modules, as the cache folder is inside the project. Returns the file to run.
 */
export async function compileBareApp(cacheDir: string): Promise<string> {
  const source = await readFile(new URL('./bareBoltApp.ts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(cacheDir, 'bareBoltApp.mjs');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, outputText);
  return file;
}
