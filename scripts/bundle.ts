/**
 * The last step of `npm run build`: bundles what `npm start` runs (src/main.ts, and the index worker it starts) into
 * dist/start/ with esbuild. Node then reads a few large files instead of resolving and compiling some 400 modules,
 * which halved the CPU time from spawn to /healthz 200 (measured on the seed corpus: about 1,200 ms to 650 ms, the
 * bare Bolt app taking 730 ms). The adapters and the store stay separate chunks, loaded only when configured (or
 * after start, for the store), as they are from dist/src/. The command-line tools still run tsc's dist/.
 */
import { readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

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

/**
 * Bolt requires Socket Mode's client (with its own copy of undici, 1 MB of code) and the OAuth installer (with
 * jsonwebtoken) as it loads, yet uses each only in a constructor: Socket Mode's receiver, and an installer made only
 * for OAuth installs, which this bot does not do. Inside the bundle Bolt gets a stand-in for each that requires the
 * real module from node_modules (resolved from Bolt's own folder, as Bolt would) at the first use of any of its
 * exports: a start in HTTP mode neither runs their code nor holds its source, which a bundled copy would keep in
 * memory for the life of the process (about 1.3 MB of text).
 */
const LAZY_IN_BOLT = /^@slack\/(socket-mode|oauth)$/;

const lazyBoltDependencies: Plugin = {
  name: 'lazy-bolt-dependencies',
  setup(esbuild) {
    esbuild.onResolve({ filter: LAZY_IN_BOLT }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}@slack${sep}bolt${sep}`)
        ? { path: args.path, namespace: 'lazy' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      // Descriptors are reported configurable, as a proxy must for properties its target lacks.
      contents: `const { createRequire } = require('node:module');
let loaded;
const load = () => (loaded ??= createRequire(require.resolve('@slack/bolt'))(${JSON.stringify(args.path)}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const found = Object.getOwnPropertyDescriptor(load(), key);
    return found && { ...found, configurable: true };
  },
});`,
      loader: 'js',
    }));
  },
};

/**
 * V8 keeps each script's source text for as long as the process runs, in one byte a character when every character
 * is Latin-1 and in two otherwise: a single "’" in a comment or a regular expression doubled the memory of a
 * 1.7 MB chunk. esbuild escapes such characters in strings but not in comments, regular expressions or tagged
 * templates, so the rest are written as \u escapes here, which mean the same character in all three (no code in the
 * bundle reads a template's raw text).
 */
function latin1Only(code: string): string {
  return code.replace(/[^\x00-\xff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

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
    // Without comments and indentation the scripts V8 keeps for the life of the process are about a quarter
    // smaller (0.8 MB of the heap at start); names are kept, so stack traces still name each function, and the
    // source map leads from a line and column back to the TypeScript.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [lazyBoltDependencies],
    logLevel: 'warning',
  });
  for (const file of readdirSync(outDir).filter((name) => name.endsWith('.js'))) {
    const path = join(outDir, file);
    const code = readFileSync(path, 'utf8');
    const escaped = latin1Only(code);
    if (escaped !== code) writeFileSync(path, escaped);
  }
}

const runDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) await bundleStart(process.cwd());
