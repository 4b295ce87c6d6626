import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotenv } from '../../src/config.js';
import type { InsightsReport } from '../../src/store/types.js';
import { VOTE_REASON_LABELS, type VoteReason } from '../../src/mentors/voteReasons.js';
import { withStore } from './withStore.js';

const USAGE = `Usage:
  npm run insights              what to fix in the corpus, as tables (reads DATABASE_URL, else DATA_DIR)
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

/** One part of the report: its title, then its table, or what to say when it has no rows. */
function section(title: string, headers: string[], rows: Cell[][], empty = '  none yet'): string {
  return `${title}\n${rows.length === 0 ? empty : table(headers, rows)}`;
}

const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function formatReport(report: InsightsReport): string {
  const reasons = new Map(report.notHelpfulReasons.map((r) => [r.passageId, r.reasons]));
  const reasonsOf = (passageId: string) =>
    Object.entries(reasons.get(passageId) ?? {})
      .map(([reason, n]) => `${VOTE_REASON_LABELS[reason as VoteReason]} ${n}`)
      .join(', ');
  const parts = [
    section(
      'Questions waiting for a mentor',
      ['Question', 'Platform', 'State', 'Asked (UTC)'],
      report.openHandoffs.map((h) => [
        fit(h.question),
        h.platform,
        h.state === 'taken' ? `taken by ${h.takenBy ?? 'a mentor'}` : 'open',
        minute(h.createdAt),
      ]),
      '  none',
    ),
    section(
      'Answered by mentors',
      ['Question', 'Mentor', 'Minutes to answer'],
      report.answeredHandoffs.map((h) => [fit(h.question), h.mentorName, h.minutesToAnswer]),
    ),
    section(
      'Gaps in the docs, by topic (most asked first)',
      ['Topic (most-asked wording)', 'Asked', 'Mentor answer'],
      report.gaps.map((g) => [
        fit(g.topic),
        g.count,
        g.answeredBy ? `by ${g.answeredBy.mentorName} (${g.answeredBy.mentorAnswerId})` : 'not yet',
      ]),
    ),
    section(
      'Most frequent declined questions',
      ['Question (latest wording)', 'Asked', 'Last asked (UTC)'],
      report.topDeclined.map((d) => [fit(d.question), d.count, minute(d.lastAsked)]),
    ),
    section(
      'Passages with the most "Not helpful"',
      ['Passage', 'Not helpful', 'Helpful', 'Reasons'],
      report.mostNotHelpful.map((p) => [p.passageId, p.notHelpful, p.helpful, reasonsOf(p.passageId)]),
    ),
    section(
      'Per day (UTC)',
      ['Day', 'Declined', 'Helpful', 'Not helpful'],
      report.perDay.map((d) => [d.day, d.declined, d.helpful, d.notHelpful]),
      '  nothing recorded recently',
    ),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** `npm run insights`: the /insights report for maintainers at a terminal, from the bot's store. */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenv();
  const config = loadConfig(process.env);
  const target = config.store;
  if (target.kind === 'sqlite' && !existsSync(target.file)) {
    process.stdout.write(
      `No feedback yet: ${target.file} does not exist. The bot creates it on first start (set DATA_DIR to change where).\n`,
    );
    return 0;
  }
  return withStore('insights', target, async (store) => {
    const report = await store.insights.report();
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  });
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`insights: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
