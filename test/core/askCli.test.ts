import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs the real CLI the way the shared gold-question scorer does (one question a line, JSON lines out). */
function runAsk(args: string[], input?: string | Buffer) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/cli/ask.ts', ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CORPUS_DIR: 'corpus', PUBLIC_URL: 'https://bot.example.com' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// Each case starts the CLI in a new process that compiles TypeScript and indexes the corpus: seconds each.
describe('ask CLI', { timeout: 20_000 }, () => {
  it('--json prints one JSON line per input line, in order, even for empty, huge and binary lines', () => {
    const junk = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28]).toString('latin1');
    const lines = [
      'what does a DevOps developer do',
      '',
      'x'.repeat(100 * 1024),
      junk,
      'what is the capital of Peru',
      'what is mongodb',
    ];
    const { status, stdout } = runAsk(['--json'], `${lines.join('\n')}\n`);
    expect(status).toBe(0);
    const out = stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            question: string;
            answers: { section: string; snippet: string; link: string; score: number }[];
          },
      );
    expect(out).toHaveLength(lines.length);
    expect(out[0]!.question).toBe('what does a DevOps developer do');
    expect(out[0]!.answers[0]!.section).toMatch(/DevOps Developer/);
    expect(out[0]!.answers[0]!.link).toMatch(/^https:\/\/bot\.example\.com\/docs\/what-does-a-back-end-developer-do#/);
    expect(out[1]!.answers).toEqual([]);
    expect(out[2]!.answers).toEqual([]);
    expect(out[4]!.answers).toEqual([]);
    expect(out[5]!.answers[0]!.snippet).toMatch(/MongoDB/);
    for (const o of out) for (const a of o.answers) expect(a.snippet.length).toBeLessThanOrEqual(700);
  });

  it('prints an answer for a person: the snippet, then where it comes from', () => {
    const { status, stdout } = runAsk(['what does a DevOps developer do']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^1\. .*bridging software development and IT operations/m);
    expect(stdout).toMatch(
      /— What Does a Back-End Developer Do\? › #2 - DevOps Developer: \(Nikhil Khandelwal, 2024-06-14\)/,
    );
    expect(stdout).toMatch(/https:\/\/bot\.example\.com\/docs\//);
  });

  it('says so when a question is out of scope, listing topics', () => {
    const { stdout } = runAsk(['what is the capital of Peru']);
    expect(stdout).toMatch(/couldn't find this/);
    expect(stdout).toMatch(/Topics it covers:\n {2}- /);
  });

  it('stops with one clear line when the corpus folder is missing', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/cli/ask.ts', 'hello'], {
      encoding: 'utf8',
      env: { ...process.env, CORPUS_DIR: 'no/such/folder' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/CORPUS_DIR/);
  });
});
