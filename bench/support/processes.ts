/**
 * Child processes for the benchmarks: each measured program runs in a process of its own, so its memory figures
 * are its own and one contender's garbage never slows the next.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Runs a TypeScript file of bench/ under tsx (with `--expose-gc`) and resolves with the JSON it prints last. */
export function runTsJob<T>(file: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', file, ...args],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${file} ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${file} printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** Peak resident memory (VmHWM) of a running process, in bytes; undefined where /proc is not available. */
export function peakRss(pid: number): number | undefined {
  return statusBytes(pid, 'VmHWM');
}

/** The resident set of a process right now, from /proc (Linux). */
export function currentRss(pid: number): number | undefined {
  return statusBytes(pid, 'VmRSS');
}

function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Polls `url` until it answers 200, and resolves with the milliseconds since `since`; rejects when the process
 * exits first or `timeoutMs` passes.
 */
export async function waitForOk(url: string, child: ChildProcess, since: number, timeoutMs: number): Promise<number> {
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  while (performance.now() - since < timeoutMs) {
    if (exited !== undefined) throw new Error(`process exited (${exited}) before ${url} answered`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return performance.now() - since;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Stops a child process (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
