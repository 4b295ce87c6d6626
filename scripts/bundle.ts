/**
 * The last step of `npm run build`: bundles what `npm start` runs (src/main.ts, and the index worker it starts) into
 * dist/start/ with esbuild. Node then reads a few large files instead of resolving and compiling some 400 modules,
 * which halved the CPU time from spawn to /healthz 200 (measured on the seed corpus: about 1,200 ms to 650 ms, the
 * bare Bolt app taking 730 ms). The adapters and the store stay separate chunks, loaded only when configured (or
 * after start, for the store), as they are from dist/src/. The command-line tools still run tsc's dist/.
 */
import { realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Where the bundle goes; `npm start` runs `node dist/start/main.js`. */
export const START_DIR = 'dist/start';

/**
 * The bundle's entry points: each becomes `START_DIR/<name>.js`. The index worker is an entry of its own beside
 * main.js, where buildIndexInWorker looks for it.
 */
export const START_ENTRIES = { main: 'src/main.ts', indexWorker: 'src/index/indexWorker.ts' } as const;

/**
 * Left to Node to load from node_modules, because bundling would break them: better-sqlite3 and pg load native
 * code, pino starts its transports (pino-pretty) from worker files of its own folder, and discord.js does the same
 * for its sharding workers.
 */
const EXTERNAL = ['better-sqlite3', 'pg', 'pino', 'pino-pretty', 'discord.js'];

/** Bundles the start-up entry points into `outDir` (emptied first), from the TypeScript sources under `root`. */
export async function bundleStart(root: string, outDir = join(root, START_DIR)): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: START_ENTRIES,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // The CommonJS libraries inside (express, Bolt) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    sourcemap: true,
    logLevel: 'warning',
  });
}

const runDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) await bundleStart(process.cwd());
