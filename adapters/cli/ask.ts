import { realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toAnswerJson } from '../../src/answer/toAnswerJson.js';
import type { Answer } from '../../src/answer/types.js';
import { loadConfig, loadDotenv } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { createLogger } from '../../src/log.js';
import { buildIndex } from '../../src/search/buildIndex.js';
import { createBotService } from '../../src/service/botService.js';
import { isHelpRequest } from '../../src/service/help.js';
import type { AskOutcome, BotService, HelpContent } from '../../src/service/types.js';
import { toUserKey } from '../../src/service/userKey.js';

const USAGE = `Usage:
  npm run ask -- "what does a DevOps developer do"     print the answer for a person
  npm run ask -- --offset 3 "a question"               the next page ("More results")
  npm run ask -- help                                  how to ask, examples and topics
  npm run --silent ask -- --json < questions.txt       one question a line in, one JSON object a line out
  npm run --silent ask -- --json "a question"          one JSON line for one question`;

/** The person at the terminal: one user, so the rate limit (if any) is theirs alone. */
const CLI_USER = toUserKey('cli', 'local');

/** Plain text of an answer for a terminal: each snippet, then where it comes from, then how to see more. */
export function formatAnswerForTerminal(answer: Answer, bold: (s: string) => string): string {
  if (answer.declined) {
    const topics = answer.suggestions.map((t) => `  - ${t}`).join('\n');
    return `I couldn't find this in the corpus: "${answer.question}".\nTopics it covers:\n${topics}\n`;
  }
  const passages = answer.passages
    .map((p, i) => {
      const s = p.snippet;
      const text = s.segments.map((seg) => (seg.marked ? bold(seg.text) : seg.text)).join('');
      const c = p.citation;
      const byline = [c.author ?? c.publisher, c.date].filter(Boolean).join(', ');
      const where = [c.title, c.section && c.section !== c.title ? c.section : ''].filter(Boolean).join(' › ');
      return `${answer.offset + i + 1}. ${s.clippedStart ? '…' : ''}${text}${s.clippedEnd ? '…' : ''}\n   — ${where}${byline ? ` (${byline})` : ''}\n   ${c.link}`;
    })
    .join('\n\n');
  const more = answer.hasMore ? `\n\nMore results: add --offset ${answer.offset + answer.passages.length}` : '';
  return `${passages}${more}\n`;
}

/** The help for a terminal: the same content every platform shows for `help` or `?`. */
export function formatHelpForTerminal(help: HelpContent): string {
  const examples = help.examples.map((e) => `  npm run ask -- "${e}"`).join('\n');
  return `${help.intro}\n\nTry one of these:\n${examples}\n\nTopics: ${help.topics.join(' · ')}\n`;
}

function formatOutcome(outcome: AskOutcome, bold: (s: string) => string): string {
  return outcome.kind === 'answer' ? formatAnswerForTerminal(outcome.answer, bold) : `${outcome.notice.text}\n`;
}

const parseCliArgs = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, offset: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });

/** Where the CLI reads and writes: the process's streams, or a test's. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream;
}

/**
 * `npm run ask`: the same service the bots use (so help, notices and paging behave the same), with arguments read
 * by node:util parseArgs. Returns the exit code: 0 done, 2 a usage mistake (said on stderr).
 */
export async function runAskCli(argv: string[], io: CliIo, service: BotService): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    io.stderr.write(`ask: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const offset = values.offset === undefined ? 0 : /^\d{1,5}$/.test(values.offset) ? Number(values.offset) : undefined;
  if (offset === undefined) {
    io.stderr.write(`ask: --offset takes a whole number from 0 (got "${values.offset}")\n`);
    return 2;
  }
  if (values.help || (!values.json && positionals.length === 0)) {
    io.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const ask = (question: string) => service.ask({ platform: 'cli', userKey: CLI_USER, question, offset });

  if (!values.json) {
    const question = positionals.join(' ');
    if (isHelpRequest(question)) {
      io.stdout.write(formatHelpForTerminal(service.help()));
      return 0;
    }
    const bold = io.stdout.isTTY ? (s: string) => `\u001b[1m${s}\u001b[22m` : (s: string) => s;
    io.stdout.write(formatOutcome(await ask(question), bold));
    return 0;
  }
  // Machine output is a plain projection of Answer, one line per question, whatever the line holds.
  const json = async (question: string) => {
    const outcome = await ask(question);
    return outcome.kind === 'answer' ? toAnswerJson(outcome.answer) : { question, error: outcome.notice };
  };
  if (positionals.length > 0) {
    io.stdout.write(`${JSON.stringify(await json(positionals.join(' ')))}\n`);
    return 0;
  }
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) io.stdout.write(`${JSON.stringify(await json(line))}\n`);
  return 0;
}

/** The process: .env, config, corpus, index and service (no feedback store: a terminal session records nothing). */
async function main(): Promise<number> {
  loadDotenv();
  const config = loadConfig(process.env);
  const corpus = await loadCorpus(config.corpusDir);
  for (const w of corpus.warnings) process.stderr.write(`warning: skipped ${w.file}: ${w.message}\n`);
  const index = buildIndex(corpus);
  const logger = createLogger({ level: 'error', pretty: false, destination: process.stderr });
  const service = createBotService({ index: () => index, publicUrl: config.publicUrl, logger });
  return runAskCli(process.argv.slice(2), process, service);
}

const runDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ask: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
