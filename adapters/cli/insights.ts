import { existsSync } from 'node:fs';
import { loadConfig, loadDotenv } from '../../src/config.js';
import { feedbackDatabasePath, openFeedbackStore } from '../../src/feedback/sqliteStore.js';
import type { InsightsReport } from '../../src/feedback/types.js';
import { createLogger } from '../../src/log.js';

const USAGE = `Usage:
  npm run insights              what to fix in the corpus, as tables (reads DATA_DIR, default ./data)
  npm run --silent insights -- --json   the same report as JSON`;

/** Widest question shown in the terminal table; the full text is in --json and on /insights. */
const QUESTION_WIDTH = 70;

type Cell = string | number;

/** Columns padded to their widest cell; numbers right-aligned so they line up. */
function table(headers: string[], rows: Cell[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Cell[]) =>
    cells
      .map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fit = (text: string) => (text.length <= QUESTION_WIDTH ? text : `${text.slice(0, QUESTION_WIDTH - 1)}…`);

function formatReport(report: InsightsReport): string {
  const parts = ['Most frequent declined questions'];
  parts.push(
    report.topDeclined.length === 0
      ? '  none yet'
      : table(['Question (latest wording)', 'Asked', 'Last asked (UTC)'], report.topDeclined.map((d) => [
          fit(d.question),
          d.count,
          d.lastAsked.slice(0, 16).replace('T', ' '),
        ])),
  );
  parts.push('', 'Passages with the most "Not helpful"');
  parts.push(
    report.mostNotHelpful.length === 0
      ? '  none yet'
      : table(['Passage', 'Not helpful', 'Helpful'], report.mostNotHelpful.map((p) => [p.passageId, p.notHelpful, p.helpful])),
  );
  parts.push('', 'Per day (UTC)');
  parts.push(
    report.perDay.length === 0
      ? '  nothing recorded recently'
      : table(['Day', 'Declined', 'Helpful', 'Not helpful'], report.perDay.map((d) => [d.day, d.declined, d.helpful, d.notHelpful])),
  );
  return `${parts.join('\n')}\n`;
}

/** `npm run insights`: the /insights report for maintainers at a terminal, straight from DATA_DIR. */
function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenv();
  const config = loadConfig(process.env);
  const file = feedbackDatabasePath(config.dataDir);
  if (!existsSync(file)) {
    process.stdout.write(`No feedback yet: ${file} does not exist. The bot creates it on first start (set DATA_DIR to change where).\n`);
    return 0;
  }
  const store = openFeedbackStore({ dataDir: config.dataDir, storeUserIds: false, logger: createLogger({ level: 'error', pretty: false }) });
  try {
    const report = store.insights();
    process.stdout.write(argv.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  } finally {
    store.close();
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`insights: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
