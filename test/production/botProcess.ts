/**
 * Runs the bot as a real process, the way `npm start` does (from source, through tsx's loader), with a clean
 * environment and working directory, and reads its JSON log lines as they come.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Signal } from '../support/waitUntil.js';

export const REPO = join(import.meta.dirname, '..', '..');
export const MAIN = join(REPO, 'src', 'main.ts');
export const CORPUS = join(REPO, 'corpus');
const TSX_LOADER = import.meta.resolve('tsx');

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface BotProcess {
  child: ChildProcess;
  logs: LogLine[];
  stderr: () => string;
  /** Raw stdout, for lines that are not JSON. */
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
  /** Resolves with the first log line (past or future) that matches. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** The port from the "listening" line. */
  port(): Promise<number>;
}

/** A fresh empty folder, e.g. the working directory (no stray .env) or DATA_DIR. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/**
 * Starts `node --import tsx src/main.ts` with exactly `env` (plus PATH), in `cwd`; or, given `script`, plain
 * `node <script>` (a built entry point, as `npm start` runs it).
 */
export function spawnBot(env: Record<string, string>, cwd = scratchDir('bot-cwd'), script?: string): BotProcess {
  const started = performance.now();
  const child = spawn(process.execPath, script ? [script] : ['--import', TSX_LOADER, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let out = '';
  let err = '';
  let partial = '';
  const news = new Signal('the bot process');
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line (e.g. a library printing on its own); kept in stdout().
      }
    }
    news.notify();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>((resolve) =>
    child.once('exit', (code, signal) => {
      queueMicrotask(() => news.notify());
      resolve({ code, signal, afterMs: performance.now() - started });
    }),
  );

  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = 15_000) =>
    news
      .waitUntil(() => {
        const found = logs.find(match);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`the bot exited before logging what was awaited; stderr: ${err}; stdout: ${out}`);
        }
        return undefined;
      }, timeoutMs)
      .catch((error: unknown) => {
        throw error instanceof Error && error.message.includes('nothing arrived')
          ? new Error(`no matching log line within ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`)
          : error;
      });

  return {
    child,
    logs,
    stderr: () => err,
    stdout: () => out,
    exited,
    waitForLog,
    port: async () =>
      (await waitForLog((l) => typeof l.port === 'number' && l.msg.startsWith('listening'))).port as number,
  };
}
