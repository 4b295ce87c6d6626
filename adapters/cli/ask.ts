import { createInterface } from 'node:readline';
import type { Answer } from '../../src/answer/types.js';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { toAnswerJson } from '../../src/answer/toAnswerJson.js';
import { loadConfig, loadDotenv } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { buildIndex } from '../../src/search/buildIndex.js';

const USAGE = `Usage:
  npm run ask -- "what does a DevOps developer do"     print the answer for a person
  npm run --silent ask -- --json < questions.txt       one question a line in, one JSON object a line out
  npm run --silent ask -- --json "a question"          one JSON line for one question`;

/** Plain text of an answer for a terminal: each snippet, then where it comes from. */
export function formatAnswerForTerminal(answer: Answer, bold: (s: string) => string): string {
  if (answer.declined) {
    const topics = answer.suggestions.map((t) => `  - ${t}`).join('\n');
    return `I couldn't find this in the corpus: "${answer.question}".\nTopics it covers:\n${topics}\n`;
  }
  return answer.passages
    .map((p, i) => {
      const s = p.snippet;
      const text = s.segments.map((seg) => (seg.marked ? bold(seg.text) : seg.text)).join('');
      const c = p.citation;
      const byline = [c.author ?? c.publisher, c.date].filter(Boolean).join(', ');
      const where = [c.title, c.section && c.section !== c.title ? c.section : ''].filter(Boolean).join(' › ');
      return `${i + 1}. ${s.clippedStart ? '…' : ''}${text}${s.clippedEnd ? '…' : ''}\n   — ${where}${byline ? ` (${byline})` : ''}\n   ${c.link}`;
    })
    .join('\n\n')
    .concat('\n');
}

async function main(argv: string[]): Promise<number> {
  loadDotenv();
  const json = argv.includes('--json');
  const words = argv.filter((a) => a !== '--json');
  if (words.includes('--help') || words.includes('-h') || (!json && words.length === 0)) {
    process.stdout.write(`${USAGE}\n`);
    return words.length === 0 && !json ? 2 : 0;
  }
  const config = loadConfig(process.env);
  const corpus = await loadCorpus(config.corpusDir);
  for (const w of corpus.warnings) process.stderr.write(`warning: skipped ${w.file}: ${w.message}\n`);
  const index = buildIndex(corpus);
  const answer = (q: string) => answerQuestion(index, q, { publicUrl: config.publicUrl });

  if (!json) {
    const bold = process.stdout.isTTY ? (s: string) => `\u001b[1m${s}\u001b[22m` : (s: string) => s;
    process.stdout.write(formatAnswerForTerminal(answer(words.join(' ')), bold));
    return 0;
  }
  if (words.length > 0) {
    process.stdout.write(`${JSON.stringify(toAnswerJson(answer(words.join(' '))))}\n`);
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    process.stdout.write(`${JSON.stringify(toAnswerJson(answer(line)))}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ask: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
