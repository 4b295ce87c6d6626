/**
 * Starts the programs that comparisons 3 and 4 set side by side, each as its own process with the same
 * environment: the bot (`node dist/start/main.js`, or `npm start` itself) in Slack HTTP mode, the bare Bolt app, and
 * the bare Bolt app answering with raw MiniSearch (the floor of any MiniSearch-based answer).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { peakRss, stopProcess, waitForOk } from '../support/processes.js';
import { BENCH_SIGNING_SECRET } from './signedCommand.js';

/**
 * `bot` is `node <npm start's node options> dist/start/main.js` (what `npm start` runs) with an empty DATA_DIR (it indexes the corpus); `bot, index saved` the same with
 * the DATA_DIR an earlier start left (it loads the index saved there), as every start after the first;
 * `bot via npm start` adds npm's own start-up, as a user running it sees.
 */
export type AppKind = 'bot' | 'bot, index saved' | 'bot via npm start' | 'bare Bolt app' | 'bare Bolt app + MiniSearch';

export interface RunningApp {
  kind: AppKind;
  url: string;
  /** The node process serving (under npm, npm's child). */
  pid: number;
  /** Milliseconds from spawn to the first `/healthz` 200. */
  readyMs: number;
  /** Peak RSS of the serving process at that moment. */
  peakRssAtReadyBytes: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  slackApiUrl: string;
  /** The transpiled bare app (compileBareApp). */
  bareAppFile: string;
  /** The index the bare app loads when it answers with MiniSearch (saveMiniSearchIndex). */
  miniSearchIndexFile: string;
  /** Logs of each run go here, and the bot's DATA_DIR (fresh per start, except for `bot, index saved`). */
  workDir: string;
}

/** A port free on 127.0.0.1 right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The process under `pid` whose command line mentions `marker` (npm runs the script through a shell). */
function findDescendant(pid: number, marker: string): number | undefined {
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    try {
      const [program = '', ...args] = readFileSync(`/proc/${current}/cmdline`, 'utf8').split('\0');
      if (current !== pid && basename(program) === 'node' && args.includes(marker)) return current;
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/** The node options of `npm start` (package.json), so that `bot` runs exactly what npm start runs. */
const START_NODE_OPTIONS: string[] = (() => {
  const words = (
    JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }
  ).scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf('dist/start/main.js'));
})();

let runs = 0;

/** Starts one app and resolves once its `/healthz` answers 200. */
export async function startApp(kind: AppKind, options: StartOptions): Promise<RunningApp> {
  const port = await freePort();
  const run = ++runs;
  mkdirSync(options.workDir, { recursive: true });
  const dataDir = join(options.workDir, kind === 'bot, index saved' ? 'data-kept' : `data-${run}`);
  if (kind !== 'bot, index saved') rmSync(dataDir, { recursive: true, force: true });
  const log = openSync(join(options.workDir, `${kind.replace(/\W+/g, '-')}-${run}.log`), 'w');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    CORPUS_DIR: resolve('corpus'),
    DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: options.slackApiUrl,
    LOG_FORMAT: 'json',
    MINISEARCH_INDEX_FILE: options.miniSearchIndexFile,
  };
  const [command, args, marker] =
    kind === 'bare Bolt app'
      ? [process.execPath, [options.bareAppFile], options.bareAppFile]
      : kind === 'bare Bolt app + MiniSearch'
        ? [process.execPath, [options.bareAppFile, '--minisearch'], options.bareAppFile]
        : kind === 'bot' || kind === 'bot, index saved'
          ? [process.execPath, [...START_NODE_OPTIONS, 'dist/start/main.js'], 'dist/start/main.js']
          : ['npm', ['start', '--silent'], 'dist/start/main.js'];
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    env,
    stdio: ['ignore', log, log],
    detached: kind === 'bot via npm start',
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (kind === 'bot via npm start' && child.pid !== undefined) {
      // npm and its shell stand between us and node: signal the whole group.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await stopProcess(child);
  };
  try {
    const readyMs = await waitForOk(`${url}/healthz`, child, started, 60_000);
    const pid = kind === 'bot via npm start' ? (findDescendant(child.pid!, marker) ?? child.pid!) : child.pid!;
    return { kind, url, pid, readyMs, peakRssAtReadyBytes: peakRss(pid) ?? 0, stop };
  } catch (error) {
    await stop();
    throw new Error(
      `${kind} did not start (see ${options.workDir}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
