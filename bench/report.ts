/**
 * Turns a run's figures into what people read: the Markdown tables printed on the terminal and written to
 * results.md (with the machine and the goals), and the SVG chart of the retrieval comparison.
 */
import type { CliResult } from './cli.js';
import type { ColdStartResult } from './coldStart.js';
import type { EndpointResult } from './endpoint.js';
import type { RetrievalResult } from './retrieval.js';
import type { ScaleResult } from './scale.js';
import type { StoreResult } from './store.js';
import type { Machine } from './support/machine.js';

/** Everything one `npm run bench` measured; a comparison left out with --only is absent. */
export interface BenchResults {
  quick: boolean;
  machine: Machine;
  retrieval?: RetrievalResult;
  scale?: ScaleResult;
  endpoint?: EndpointResult;
  coldStart?: ColdStartResult;
  store?: StoreResult;
  cli?: CliResult;
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const ratio = (v: number) => `${v.toFixed(2)}x`;
const count = (n: number) => n.toLocaleString('en');

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

interface Goal {
  what: string;
  target: string;
  measured: string;
  /** The same figure for the bare Bolt app answering with raw MiniSearch: the best any MiniSearch-based answer gets. */
  floor: string;
  met: boolean;
}

const signed = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)} MB`;

/**
 * The goals of the performance issue (issue 17), one row per row of its table and in its order, each measured
 * against its yardstick in this run; a comparison left out leaves its rows out.
 */
export function goals(results: BenchResults): Goal[] {
  const out: Goal[] = [];
  const r = results.retrieval;
  if (r) {
    const ours = r.engines[0]!.latency.medianMs;
    const mini = r.engines.find((e) => e.engine === 'MiniSearch')!.latency.medianMs;
    out.push({
      what: 'Full answer vs raw default `MiniSearch.search`, same passages, median',
      target: '≤ 1.0x',
      measured: `${ratio(ours / mini)} (${ms(ours)} vs ${ms(mini)} ms)`,
      floor: '1.00x',
      met: ours <= mini,
    });
  }
  const cli = results.cli;
  if (cli) {
    const [ask, plain] = cli.batch;
    out.push({
      what: `${count(cli.questions)} questions through \`npm run ask -- --json\` vs a plain Node script doing default MiniSearch (process start included)`,
      target: '≤ 1.3x',
      measured: `${ratio(ask.wallMs / plain.wallMs)} (${ms(ask.wallMs / 1000)} vs ${ms(plain.wallMs / 1000)} s)`,
      floor: '1.00x',
      met: ask.wallMs / plain.wallMs <= 1.3,
    });
    const [npm, node] = cli.single;
    out.push({
      what: 'One `npm run ask` question (wall) vs `node dist/adapters/cli/ask.js`',
      target: 'compiled by default',
      measured: `${ratio(npm.wallMs / node.wallMs)} (${ms(npm.wallMs / 1000)} vs ${ms(node.wallMs / 1000)} s); runs dist/: ${cli.compiledByDefault ? 'yes' : 'no'}`,
      floor: '',
      met: cli.compiledByDefault,
    });
  }
  const e = results.endpoint;
  if (e) {
    const bare = e.apps.find((a) => a.app === 'bare Bolt app')!;
    const mini = e.apps.find((a) => a.app === 'bare Bolt app + MiniSearch');
    const bot = e.apps.find((a) => a.app === 'bot' && a.workload === 'distinct questions')!;
    const rps = bot.requestsPerSecond / bare.requestsPerSecond;
    const p99 = bot.p99Ms / bare.p99Ms;
    out.push({
      what: 'Slack: signed `/backend`, 10 connections, distinct questions, vs a bare Bolt app that acks a fixed text',
      target: '≥ 0.5x req/s, p99 ≤ 2x',
      measured: `${ratio(rps)} req/s, p99 ${ratio(p99)}`,
      floor: mini
        ? `${ratio(mini.requestsPerSecond / bare.requestsPerSecond)} req/s, p99 ${ratio(mini.p99Ms / bare.p99Ms)}`
        : '',
      met: rps >= 0.5 && p99 <= 2,
    });
    const extra = bot.rssAfterBytes - bare.rssAfterBytes;
    out.push({
      what: "RSS after that load, beyond the bare Bolt app's",
      target: '≤ +40 MB',
      measured: signed(extra),
      floor: mini ? signed(mini.rssAfterBytes - bare.rssAfterBytes) : '',
      met: extra <= 40e6,
    });
  }
  const c = results.coldStart;
  if (c) {
    const bare = c.apps.find((a) => a.app === 'bare Bolt app')!;
    const mini = c.apps.find((a) => a.app === 'bare Bolt app + MiniSearch');
    const saved = c.apps.find((a) => a.app === 'bot, index saved')!;
    const empty = c.apps.find((a) => a.app === 'bot')!;
    out.push({
      what: 'Cold start to `/healthz` 200 vs bare Bolt (index saved; empty DATA_DIR)',
      target: '≤ 1.2x',
      measured: `${ratio(saved.readyMs / bare.readyMs)}; ${ratio(empty.readyMs / bare.readyMs)}`,
      floor: mini ? ratio(mini.readyMs / bare.readyMs) : '',
      met: saved.readyMs / bare.readyMs <= 1.2 && empty.readyMs / bare.readyMs <= 1.2,
    });
  }
  const s = results.scale;
  if (s) {
    const [ours, mini] = [s.engines[0]!, s.engines.find((x) => x.engine === 'MiniSearch')!];
    const passages = count(s.corpus.passages);
    out.push({
      what: `${passages} passages: query median / p99`,
      target: 'p99 ≤ 100 ms',
      measured: `${ms(ours.latency.medianMs)} / ${ms(ours.latency.p99Ms)} ms`,
      floor: `${ms(mini.latency.medianMs)} / ${ms(mini.latency.p99Ms)} ms`,
      met: ours.latency.p99Ms <= 100,
    });
    out.push({
      what: `${passages} passages: RSS after load, serialized size`,
      target: "≤ MiniSearch's",
      measured: `${mb(ours.rssAfterLoadBytes)} MB, ${mb(ours.serializedBytes)} MB`,
      floor: `${mb(mini.rssAfterLoadBytes)} MB, ${mb(mini.serializedBytes)} MB`,
      met: ours.rssAfterLoadBytes <= mini.rssAfterLoadBytes && ours.serializedBytes <= mini.serializedBytes,
    });
  }
  return out;
}

const RETURNS: Record<string, string> = {
  'answerQuestion (ours)': 'up to 3 passages with verbatim snippet, marks and citation, or a decline with suggestions',
  MiniSearch: 'every matching id, scored (default options)',
  lunr: 'every matching ref, scored (default pipeline)',
  FlexSearch: 'up to 100 ids per field (default options)',
};

function retrievalSection(r: RetrievalResult): string {
  const mini = r.engines.find((e) => e.engine === 'MiniSearch')!.latency.medianMs;
  return [
    '## 1. Retrieval: time per question, seed corpus',
    '',
    `${count(r.passages)} passages in ${r.documents} documents; ${count(r.questions)} questions (${count(r.distinctQuestions)} distinct: the gold questions of eval/ and seeded variations of them) × ${r.rounds} round(s), after ${count(r.warmUp)} warm-up questions per round. One process; engines take turns.`,
    '',
    table(
      ['Engine', 'median ms', 'p99 ms', 'median vs MiniSearch', 'round medians ms', 'returns'],
      r.engines.map((e) => [
        e.engine,
        ms(e.latency.medianMs),
        ms(e.latency.p99Ms),
        ratio(e.latency.medianMs / mini),
        e.roundMedians.map(ms).join(', '),
        RETURNS[e.engine] ?? '',
      ]),
    ),
  ].join('\n');
}

function scaleSection(s: ScaleResult): string {
  const c = s.corpus;
  return [
    '## 2. Scale: the large corpus',
    '',
    `${count(c.passages)} passages in ${count(c.documents)} Markdown files, ${mb(c.bytes)} MB of Markdown (${mb(c.passageTextBytes)} MB of passage text), generated (seeded) from ${c.source}; \`loadCorpus\` (Markdown to passages) took ${ms(c.loadCorpusMs / 1000)} s. Each build and each load ran in a fresh process; ${count(s.questions)} questions (runs of words from random passages, varied, plus one gold question in five) after ${count(s.warmUp)} warm-up, of which MiniSearch and lunr answer the first ${count(s.libraryQuestions)} only (a raw search of a broad word takes them up to a second here).`,
    '',
    table(
      [
        'Engine',
        'build s',
        'build runs s',
        'serialized MB',
        'load s',
        'index RSS MB',
        'RSS after build MB',
        'RSS after load MB',
        'query median ms',
        'query p99 ms',
      ],
      s.engines.map((e) => [
        e.engine,
        ms(e.buildMs / 1000),
        e.buildRuns.map((v) => ms(v / 1000)).join(', '),
        mb(e.serializedBytes),
        ms(e.loadMs / 1000),
        mb(e.indexRssBytes),
        mb(e.rssAfterBuildBytes),
        mb(e.rssAfterLoadBytes),
        ms(e.latency.medianMs),
        ms(e.latency.p99Ms),
      ]),
    ),
    '',
    'Our serialized index holds the whole corpus (documents and passages) beside the MiniSearch index, so it loads without the Markdown files; the libraries\' hold ids only, and their load processes also parse the passages (untimed) to have something to show. "Index RSS" is what building added to a process already holding the corpus.',
  ].join('\n');
}

function endpointSection(e: EndpointResult): string {
  const bare = e.apps.find((a) => a.app === 'bare Bolt app')!;
  const floor = e.apps.find((a) => a.app === 'bare Bolt app + MiniSearch');
  return [
    '## 3. Slack endpoint: signed `/backend` slash commands',
    '',
    `autocannon, ${e.connections} connections, ${e.durationSeconds} s per run after a warm-up, on 127.0.0.1; each run starts the app fresh in its own process (Slack HTTP mode, Bolt's HTTPReceiver). Every request is signed (v0 HMAC) with a new user id and, on distinct questions, a question from the retrieval set (the answer cache never sees one twice in a row); on one repeated question, the same question every time (the answer cache's case: onboarding questions recur). Answers sent to response_url instead of the ack: ${e.followUps}. RSS after is the process's resident set once the load is over.`,
    '',
    table(
      [
        'App',
        'questions',
        'req/s',
        'p50 ms',
        'p99 ms',
        'vs bare req/s',
        'vs bare p99',
        'vs bare + MiniSearch req/s',
        'peak RSS MB',
        'RSS after MB',
        'runs (req/s)',
        'non-2xx / errors / notices',
      ],
      e.apps.map((a) => [
        a.app,
        a.workload,
        a.requestsPerSecond.toFixed(0),
        String(a.p50Ms),
        String(a.p99Ms),
        ratio(a.requestsPerSecond / bare.requestsPerSecond),
        ratio(a.p99Ms / bare.p99Ms),
        floor ? ratio(a.requestsPerSecond / floor.requestsPerSecond) : '',
        mb(a.peakRssBytes),
        mb(a.rssAfterBytes),
        a.runs.map((r) => r.requestsPerSecond.toFixed(0)).join(', '),
        a.runs.map((r) => `${r.non2xx}/${r.errors}/${r.notices}`).join(', '),
      ]),
    ),
  ].join('\n');
}

function coldStartSection(c: ColdStartResult): string {
  const bare = c.apps.find((a) => a.app === 'bare Bolt app')!;
  const floor = c.apps.find((a) => a.app === 'bare Bolt app + MiniSearch');
  return [
    '## 4. Cold start: spawn to `/healthz` 200',
    '',
    "Slack HTTP mode; Bolt calls auth.test against a stand-in Web API on 127.0.0.1 in both apps. `bot` starts with an empty DATA_DIR, so it indexes corpus/ itself; `bot, index saved` starts with the DATA_DIR an earlier start left, so it loads the index saved there (every start while the corpus is unchanged). `bot via npm start` (empty DATA_DIR) adds npm's own start-up.",
    '',
    table(
      ['App', 'ready ms', 'vs bare', 'vs bare + MiniSearch', 'peak RSS MB', 'vs bare', 'runs ms'],
      c.apps.map((a) => [
        a.app,
        a.readyMs.toFixed(0),
        ratio(a.readyMs / bare.readyMs),
        floor ? ratio(a.readyMs / floor.readyMs) : '',
        mb(a.peakRssBytes),
        ratio(a.peakRssBytes / bare.peakRssBytes),
        a.runs.map((r) => r.readyMs.toFixed(0)).join(', '),
      ]),
    ),
  ].join('\n');
}

function cliSection(c: CliResult): string {
  const row = (r: CliResult['batch'][number], yardstick: CliResult['batch'][number]) => [
    r.command,
    ms(r.wallMs / 1000),
    ratio(r.wallMs / yardstick.wallMs),
    r.runs.map((v) => ms(v / 1000)).join(', '),
  ];
  return [
    '## 6. Command line: whole processes, start included',
    '',
    `Wall time from spawn to exit; ${count(c.questions)} questions (one a line on stdin, the gold questions and variations) for the batch rows, the first of them for the single ones. The plain script loads a saved default MiniSearch index of the same passages and prints the ids and scores of each search; \`npm run ask\` builds its index from corpus/ and prints each answer's JSON. \`npm run ask\` runs ${c.compiledByDefault ? 'the compiled dist/ code' : 'through a TypeScript loader'}.`,
    '',
    table(
      ['Command', 'wall s', 'vs yardstick', 'runs s'],
      [
        row(c.batch[0], c.batch[1]),
        row(c.batch[1], c.batch[1]),
        row(c.single[0], c.single[1]),
        row(c.single[1], c.single[1]),
      ],
    ),
  ].join('\n');
}

function storeSection(s: StoreResult): string {
  return [
    '## 5. Store: votes per second',
    '',
    `${count(s.votes)} votes through \`store.votes.record\` (each by a new voter, so each is the upsert a real vote is), ${s.concurrency} in flight at once, after ${count(s.warmUp)} warm-up votes. PostgreSQL runs on this machine over loopback with its default durability; a managed server adds the network round trip to every vote.`,
    '',
    table(
      ['Store', 'votes/s', 'median ms', 'p99 ms'],
      s.runs.map((r) =>
        r.latency && r.votesPerSecond !== undefined
          ? [r.store, r.votesPerSecond.toFixed(0), ms(r.latency.medianMs), ms(r.latency.p99Ms)]
          : [r.store, `not measured: ${r.skipped ?? 'unknown'}`, '', ''],
      ),
    ),
  ].join('\n');
}

function goalsSection(results: BenchResults): string {
  return [
    '## Goals',
    '',
    'Each row of the performance issue\'s table, in its order. "MiniSearch floor" is the same figure for the yardstick\'s own MiniSearch answer (the bare Bolt app acking with the top hit of a raw default MiniSearch search; the libraries at scale): no MiniSearch-based answer can do better.',
    '',
    table(
      ['Goal', 'target', 'measured', 'MiniSearch floor', 'met'],
      goals(results).map((g) => [g.what, g.target, g.measured, g.floor, g.met ? 'yes' : 'no']),
    ),
  ].join('\n');
}

/** The tables, as printed on the terminal. */
export function renderTables(results: BenchResults): string {
  return [
    results.retrieval && retrievalSection(results.retrieval),
    results.scale && scaleSection(results.scale),
    results.endpoint && endpointSection(results.endpoint),
    results.coldStart && coldStartSection(results.coldStart),
    results.store && storeSection(results.store),
    results.cli && cliSection(results.cli),
    goalsSection(results),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** results.md: the machine, how to reproduce, and the tables. */
export function renderResultsMarkdown(results: BenchResults): string {
  const m = results.machine;
  return [
    `# Benchmark results${results.quick ? ' (--quick: small sizes, for checking the script, not for quoting)' : ''}`,
    '',
    `Measured ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}. Load average (1 min) ${m.loadAtStart.toFixed(2)} at the start and ${m.loadAtEnd?.toFixed(2) ?? '?'} at the end: other work was running on the machine, so single figures move by 10–30 % between runs; medians over repeated runs are reported.`,
    '',
    'Reproduce: `npm ci && npm run bench` (about 15 minutes on 2 cores, most of it the large corpus; `npm run bench -- --quick` runs a small version in under a minute). Chart of comparison 1: [retrieval.svg](retrieval.svg).',
    '',
    renderTables(results),
    '',
  ].join('\n');
}

/** A bar chart of median and p99 per engine: seed corpus, and the large corpus when measured. */
export function renderRetrievalSvg(results: BenchResults): string {
  const panels: { title: string; bars: { label: string; value: number }[] }[] = [];
  if (results.retrieval) {
    const e = results.retrieval.engines;
    panels.push({
      title: `Seed corpus (${count(results.retrieval.passages)} passages): median ms per question`,
      bars: e.map((x) => ({ label: x.engine, value: x.latency.medianMs })),
    });
    panels.push({
      title: 'Seed corpus: p99 ms per question',
      bars: e.map((x) => ({ label: x.engine, value: x.latency.p99Ms })),
    });
  }
  if (results.scale) {
    const e = results.scale.engines;
    panels.push({
      title: `Large corpus (${count(results.scale.corpus.passages)} passages): median ms per question`,
      bars: e.map((x) => ({ label: x.engine, value: x.latency.medianMs })),
    });
    panels.push({
      title: 'Large corpus: p99 ms per question',
      bars: e.map((x) => ({ label: x.engine, value: x.latency.p99Ms })),
    });
  }
  const width = 760;
  const labelWidth = 170;
  const barArea = width - labelWidth - 90;
  const barHeight = 18;
  const panelHeight = (bars: number) => 30 + bars * (barHeight + 6) + 14;
  let y = 40;
  const parts: string[] = [];
  const colors = ['#2f6fdf', '#8a8f98', '#b0862f', '#3f9a68'];
  for (const panel of panels) {
    const max = Math.max(...panel.bars.map((b) => b.value), 1e-9);
    parts.push(`<text x="10" y="${y + 16}" class="title">${escapeXml(panel.title)}</text>`);
    panel.bars.forEach((bar, i) => {
      const by = y + 28 + i * (barHeight + 6);
      const w = Math.max(1, (bar.value / max) * barArea);
      parts.push(
        `<text x="${labelWidth - 8}" y="${by + 13}" text-anchor="end">${escapeXml(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${by}" width="${w.toFixed(1)}" height="${barHeight}" fill="${colors[i % colors.length]}"/>`,
        `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${by + 13}">${ms(bar.value)} ms</text>`,
      );
    });
    y += panelHeight(panel.bars.length);
  }
  const m = results.machine;
  const caption = `npm run bench${results.quick ? ' --quick' : ''}, ${m.date.slice(0, 10)}, ${m.cpu} (${m.cores} cores), Node ${m.node}. Ours is a full answer; the libraries return ids.`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 30}" viewBox="0 0 ${width} ${y + 30}" font-family="system-ui, sans-serif" font-size="12">`,
    '<style>.title { font-weight: 600; font-size: 13px; }</style>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="700">Time per question: our full answer vs raw library searches</text>`,
    ...parts,
    `<text x="10" y="${y + 16}" fill="#555">${escapeXml(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
