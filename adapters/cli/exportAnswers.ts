import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotenv } from '../../src/config.js';
import { mentorAnswerMarkdown } from '../../src/mentors/exportAnswer.js';
import { withStore } from './withStore.js';

/** Where the files go unless --out says otherwise (relative to the working directory). */
export const DEFAULT_EXPORT_DIR = 'mentor-answers';

const USAGE = `Usage:
  npm run export-answers                 write every live mentor answer as Markdown into ./${DEFAULT_EXPORT_DIR}/
  npm run export-answers -- --out DIR    into DIR instead
Each file has front matter (title, author, date, question); review it, then move it into the corpus folder.`;

/** `npm run export-answers`: the live mentor answers as Markdown files, from the bot's store. */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenv();
  const config = loadConfig(process.env);
  return withStore('export-answers', config.store, async (store) => {
    const answers = await store.mentorAnswers.live();
    const dir = resolve(values.out ?? DEFAULT_EXPORT_DIR);
    mkdirSync(dir, { recursive: true });
    for (const answer of answers) {
      const { file, text } = mentorAnswerMarkdown(answer);
      writeFileSync(join(dir, file), text);
    }
    process.stdout.write(`Wrote ${answers.length} mentor answer${answers.length === 1 ? '' : 's'} to ${dir}\n`);
  });
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`export-answers: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
