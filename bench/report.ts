/**
 * Turns a run's figures into what people read: the Markdown tables printed on the terminal and written to
 * results.md (with the machine and the goals), and the SVG chart of the retrieval comparison.
 */
import type { ColdStartResult } from './coldStart.js';
import type { EndpointResult } from './endpoint.js';
import type { RetrievalResult } from './retrieval.js';
import type { ScaleResult } from './scale.js';
import type { Machine } from './support/machine.js';

/** Everything one `npm run bench` measured; a comparison left out with --only is absent. */
export interface BenchResults {
  quick: boolean;
  machine: Machine;
  retrieval?: RetrievalResult;
  scale?: ScaleResult;
  endpoint?: EndpointResult;
  coldStart?: ColdStartResult;
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
  measured: number;
  met: boolean;
}

/** The goals, each as a measured ratio against its target. */
export function goals(results: BenchResults): Goal[] {
  const out: Goal[] = [];
  const r = results.retrieval;
  if (r) {
    const ours = r.engines[0]!.latency.medianMs;
    const mini = r.engines.find((e) => e.engine === 'MiniSearch')!.latency.medianMs;
    out.push({
      what: 'Full answer vs raw MiniSearch query, median (seed corpus)',
      target: '≤ 2x',
      measured: ours / mini,
      met: ours <= 2 * mini,
    });
  }
  const s = results.scale;
  if (s) {
    const ours = s.engines[0]!.buildMs;
    const mini = s.engines.find((e) => e.engine === 'MiniSearch')!.buildMs;
    out.push({
      what: `Index build vs MiniSearch addAll (${count(s.corpus.passages)} passages)`,
      target: '≤ 1.3x',
      measured: ours / mini,
      met: ours <= 1.3 * mini,
    });
  }
  const e = results.endpoint;
  if (e) {
    const [bot, bare] = [e.apps.find((a) => a.app === 'bot')!, e.apps.find((a) => a.app === 'bare Bolt app')!];
    out.push({
      what: 'Slack endpoint throughput vs bare Bolt app',
      target: '≥ 0.8x',
      measured: bot.requestsPerSecond / bare.requestsPerSecond,
      met: bot.requestsPerSecond >= 0.8 * bare.requestsPerSecond,
    });
    out.push({
      what: 'Slack endpoint p99 latency vs bare Bolt app',
      target: '≤ 1.25x',
      measured: bot.p99Ms / bare.p99Ms,
      met: bot.p99Ms <= 1.25 * bare.p99Ms,
    });
  }
  const c = results.coldStart;
  if (c) {
    const [bot, bare] = [c.apps.find((a) => a.app === 'bot')!, c.apps.find((a) => a.app === 'bare Bolt app')!];
    out.push({
      what: 'Cold start to /healthz 200 vs bare Bolt app',
      target: '≤ 1.5x',
      measured: bot.readyMs / bare.readyMs,
      met: bot.readyMs <= 1.5 * bare.readyMs,
    });
    out.push({
      what: 'Peak RSS at start vs bare Bolt app',
      target: '≤ 1.5x',
      measured: bot.peakRssBytes / bare.peakRssBytes,
      met: bot.peakRssBytes <= 1.5 * bare.peakRssBytes,
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
    `${count(c.passages)} passages in ${count(c.documents)} Markdown files, ${mb(c.bytes)} MB of Markdown (${mb(c.passageTextBytes)} MB of passage text), generated (seeded) from ${c.source}; \`loadCorpus\` (Markdown to passages) took ${ms(c.loadCorpusMs / 1000)} s. Each build and each load ran in a fresh process; ${count(s.questions)} questions (runs of words from random passages, varied, plus one gold question in five) after ${count(s.warmUp)} warm-up.`,
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
  return [
    '## 3. Slack endpoint: signed `/backend` slash commands',
    '',
    `autocannon, ${e.connections} connections, ${e.durationSeconds} s per run after a warm-up, on 127.0.0.1; each run starts the app fresh in its own process (Slack HTTP mode, ExpressReceiver). Every request is signed (v0 HMAC) with a new user id and a question from the retrieval set. Answers sent to response_url instead of the ack: ${e.followUps}.`,
    '',
    table(
      [
        'App',
        'req/s',
        'p50 ms',
        'p99 ms',
        'vs bare req/s',
        'vs bare p99',
        'peak RSS MB',
        'runs (req/s)',
        'non-2xx / errors / notices',
      ],
      e.apps.map((a) => [
        a.app,
        a.requestsPerSecond.toFixed(0),
        String(a.p50Ms),
        String(a.p99Ms),
        ratio(a.requestsPerSecond / bare.requestsPerSecond),
        ratio(a.p99Ms / bare.p99Ms),
        mb(a.peakRssBytes),
        a.runs.map((r) => r.requestsPerSecond.toFixed(0)).join(', '),
        a.runs.map((r) => `${r.non2xx}/${r.errors}/${r.notices}`).join(', '),
      ]),
    ),
  ].join('\n');
}

function coldStartSection(c: ColdStartResult): string {
  const bare = c.apps.find((a) => a.app === 'bare Bolt app')!;
  return [
    '## 4. Cold start: spawn to `/healthz` 200',
    '',
    "Slack HTTP mode; Bolt calls auth.test against a stand-in Web API on 127.0.0.1 in both apps. The bot starts with an empty DATA_DIR, so it indexes corpus/ itself. `bot via npm start` adds npm's own start-up.",
    '',
    table(
      ['App', 'ready ms', 'vs bare', 'peak RSS MB', 'vs bare', 'runs ms'],
      c.apps.map((a) => [
        a.app,
        a.readyMs.toFixed(0),
        ratio(a.readyMs / bare.readyMs),
        mb(a.peakRssBytes),
        ratio(a.peakRssBytes / bare.peakRssBytes),
        a.runs.map((r) => r.readyMs.toFixed(0)).join(', '),
      ]),
    ),
  ].join('\n');
}

function goalsSection(results: BenchResults): string {
  return [
    '## Goals',
    '',
    table(
      ['Goal', 'target', 'measured', 'met'],
      goals(results).map((g) => [g.what, g.target, ratio(g.measured), g.met ? 'yes' : 'no']),
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
    'Reproduce: `npm ci && npm run bench` (about 25 minutes on 2 cores, most of it the libraries answering 1,000 questions on the large corpus; `npm run bench -- --quick` runs a small version in under a minute). Chart of comparison 1: [retrieval.svg](retrieval.svg).',
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
