/**
 * Comparison 6: the command line as a whole process, start included. (a) `npm run --silent ask -- --json` answering
 * a file of questions (one a line) against a plain Node script doing a default MiniSearch search per line over the
 * same passages; (b) one `npm run ask` question against `node dist/adapters/cli/ask.js` itself (what npm adds), and
 * whether the script runs the compiled code. Runs alternate so load from elsewhere falls on both.
 */
import { spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './support/stats.js';

export interface CliRow {
  command: string;
  /** Median wall milliseconds over the runs, process start to exit. */
  wallMs: number;
  runs: number[];
}

export interface CliResult {
  questions: number;
  /** `npm run ask -- --json` over the questions, and the plain MiniSearch script. */
  batch: [CliRow, CliRow];
  /** `npm run ask` with one question, and `node dist/adapters/cli/ask.js` with it. */
  single: [CliRow, CliRow];
  /** Whether package.json's `ask` script runs the compiled dist/ code (not a TypeScript loader). */
  compiledByDefault: boolean;
}

export interface CliOptions {
  questions: readonly string[];
  repeats: number;
  workDir: string;
  /** The transpiled plain MiniSearch script and the index it loads. */
  plainScript: { file: string; indexFile: string };
  progress: (message: string) => void;
}

/** Runs a command to its exit with stdin from `input` (a file) and stdout thrown away; resolves with wall ms. */
function timed(command: string, args: readonly string[], input: string | undefined, env: NodeJS.ProcessEnv) {
  return new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      env,
      stdio: [input === undefined ? 'ignore' : openSync(input, 'r'), 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** Runs comparison 6. */
export async function compareCli(options: CliOptions): Promise<CliResult> {
  const file = join(options.workDir, 'questions.txt');
  // One question a line: newlines inside a question would split it.
  writeFileSync(file, `${options.questions.map((q) => q.replace(/\s+/g, ' ')).join('\n')}\n`);
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, CORPUS_DIR: 'corpus', NODE_ENV: 'production' };
  const pairs = [
    {
      name: 'batch',
      rows: [
        {
          command: `npm run --silent ask -- --json < ${options.questions.length} questions`,
          run: () => timed('npm', ['run', '--silent', 'ask', '--', '--json'], file, env),
        },
        {
          command: `plain node script, default MiniSearch, < ${options.questions.length} questions`,
          run: () =>
            timed(process.execPath, [options.plainScript.file], file, {
              ...env,
              MINISEARCH_INDEX_FILE: options.plainScript.indexFile,
            }),
        },
      ],
    },
    {
      name: 'single',
      rows: [
        {
          command: 'npm run ask -- "<one question>"',
          run: () => timed('npm', ['run', '--silent', 'ask', '--', options.questions[0]!], undefined, env),
        },
        {
          command: 'node dist/adapters/cli/ask.js "<one question>"',
          run: () => timed(process.execPath, ['dist/adapters/cli/ask.js', options.questions[0]!], undefined, env),
        },
      ],
    },
  ] as const;
  const result: Record<string, CliRow[]> = {};
  for (const pair of pairs) {
    const runs = pair.rows.map(() => [] as number[]);
    options.progress(`command line, ${pair.name}: ${options.repeats} runs each`);
    for (let round = 0; round < options.repeats; round++) {
      for (let k = 0; k < pair.rows.length; k++) {
        const i = (round + k) % pair.rows.length;
        runs[i]!.push(await pair.rows[i]!.run());
      }
    }
    result[pair.name] = pair.rows.map((row, i) => ({ command: row.command, wallMs: median(runs[i]!), runs: runs[i]! }));
  }
  const script =
    (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.ask ?? '';
  return {
    questions: options.questions.length,
    batch: result.batch as [CliRow, CliRow],
    single: result.single as [CliRow, CliRow],
    compiledByDefault: /^node dist\//.test(script),
  };
}
