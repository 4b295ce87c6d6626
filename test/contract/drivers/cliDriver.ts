import { PassThrough } from 'node:stream';
import { runAskCli } from '../../../adapters/cli/ask.js';
import { startTestCore } from '../../support/testCore.js';
import { fullGate, type ButtonKind, type FrontEndDriver, type Shown } from '../frontEndContract.js';

function read(output: string, question: string): Shown {
  const lines = output.split('\n');
  const more = /More results: add --offset (\d+)/.exec(output);
  const buttons: ButtonKind[] = more ? ['more'] : [];
  return {
    text: output,
    quotes: lines.filter((l) => /^\d+\. /.test(l)).map((l) => l.replace(/^\d+\. /, '')),
    citations: lines.filter((l) => l.startsWith('   — ')).map((l) => l.slice(5)),
    buttons,
    declined: /couldn't find/i.test(output),
    // A terminal pings nobody: there is nothing here to check.
    livePings: [],
    problems: [],
    raw: { question, nextOffset: more ? Number(more[1]) : undefined },
  };
}

/**
 * The CLI (`npm run ask`), run in-process on the real core. A terminal has no buttons, so votes and stale buttons
 * do not exist here; "More results" is the `--offset` the CLI prints.
 */
export const cliDriver: FrontEndDriver = {
  name: 'CLI',
  mentions: '@everyone @here',
  lacks: {
    votes: 'a terminal has no buttons to vote with',
    staleButton: 'a terminal has no buttons, so none can go stale',
  },
  async start(options) {
    const core = await startTestCore({
      publicUrl: 'https://answers.example.org',
      ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
      ...(options.full ? { gate: fullGate() } : {}),
    });
    const run = async (argv: string[], question: string) => {
      let out = '';
      const write = (text: string) => {
        out += text;
      };
      await runAskCli(argv, { stdout: { write }, stderr: { write }, stdin: new PassThrough() }, core.service);
      return read(out, question);
    };
    return {
      core,
      ask: (question) => run([question], question),
      async press(shown, kind) {
        const { question, nextOffset } = shown.raw as { question: string; nextOffset?: number };
        if (kind !== 'more' || nextOffset === undefined) throw new Error(`no ${kind} button`);
        return run(['--offset', String(nextOffset), question], question);
      },
      pressStale: () => Promise.reject(new Error('the CLI has no buttons')),
      close: async () => core.close(),
    };
  },
};
