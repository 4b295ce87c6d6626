/**
 * Comparison 3: signed `/backend` slash commands under load (autocannon, 127.0.0.1), the bot in Slack HTTP mode
 * against the bare Bolt app. Each run starts its app fresh, warms it up, then measures; runs alternate between
 * the two apps so load from elsewhere on the machine falls on both.
 */
import autocannon from 'autocannon';
import { median } from './support/stats.js';
import { currentRss, peakRss } from './support/processes.js';
import { startApp, type AppKind, type StartOptions } from './slack/appsUnderTest.js';
import { signedSlashCommand } from './slack/signedCommand.js';

export interface EndpointRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Bot answers that were a notice (rate limited, busy, error) instead of an answer. */
  notices: number;
  peakRssBytes: number;
  /** RSS once the load is over (after the run, before stopping): what the load left behind. */
  rssAfterBytes: number;
}

/** The questions of a run: each request a different one, or one question asked over and over (the answer cache). */
export type Workload = 'distinct questions' | 'one repeated question';

export interface EndpointAppResult {
  app: AppKind;
  workload: Workload;
  /** Medians over `runs`. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  peakRssBytes: number;
  rssAfterBytes: number;
  runs: EndpointRun[];
}

export interface EndpointResult {
  connections: number;
  durationSeconds: number;
  apps: EndpointAppResult[];
  /** Answers sent to response_url instead of the ack (the slow path). */
  followUps: number;
}

export interface EndpointOptions extends StartOptions {
  questions: readonly string[];
  responseUrl: string;
  connections: number;
  durationSeconds: number;
  warmUpSeconds: number;
  repeats: number;
  followUps: () => number;
  progress: (message: string) => void;
}

/** Phrases of the bot's notices (see src/service/botService.ts): a response holding one was not an answer. */
const NOTICE_PHRASES = ['asking faster than I can keep up', 'answering a lot of questions', 'went wrong'];

let requestCounter = 0;

async function load(
  url: string,
  options: EndpointOptions,
  seconds: number,
  workload: Workload,
): Promise<autocannon.Result & { notices: number }> {
  let notices = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (request) => {
          const n = requestCounter++;
          const { body, headers } = signedSlashCommand(
            options.questions[workload === 'one repeated question' ? 0 : n % options.questions.length]!,
            n,
            options.responseUrl,
          );
          return { ...request, body, headers };
        },
        onResponse: (_status, body) => {
          if (NOTICE_PHRASES.some((phrase) => body.includes(phrase))) notices++;
        },
      },
    ],
  });
  return Object.assign(result, { notices });
}

/** The rows of the comparison: the bot on distinct questions and on one repeated question, and the bare app. */
const ROWS: { app: AppKind; workload: Workload }[] = [
  { app: 'bot', workload: 'distinct questions' },
  { app: 'bot', workload: 'one repeated question' },
  { app: 'bare Bolt app', workload: 'distinct questions' },
  { app: 'bare Bolt app + MiniSearch', workload: 'distinct questions' },
];

/** Runs comparison 3. */
export async function compareEndpoint(options: EndpointOptions): Promise<EndpointResult> {
  const runs = new Map(ROWS.map((row) => [row, [] as EndpointRun[]]));
  for (let round = 0; round < options.repeats; round++) {
    for (let k = 0; k < ROWS.length; k++) {
      const row = ROWS[(round + k) % ROWS.length]!;
      const kind = row.app;
      options.progress(
        `${kind}, ${row.workload}: ${options.durationSeconds} s of signed /backend commands (run ${round + 1} of ${options.repeats})`,
      );
      const app = await startApp(kind, options);
      try {
        await load(app.url, options, options.warmUpSeconds, row.workload);
        const r = await load(app.url, options, options.durationSeconds, row.workload);
        runs.get(row)!.push({
          requestsPerSecond: r.requests.average,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          requests: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
          notices: r.notices,
          peakRssBytes: peakRss(app.pid) ?? 0,
          rssAfterBytes: currentRss(app.pid) ?? 0,
        });
      } finally {
        await app.stop();
      }
    }
  }
  return {
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    followUps: options.followUps(),
    apps: ROWS.map(({ app, workload }, i) => {
      const r = runs.get(ROWS[i]!)!;
      return {
        app,
        workload,
        requestsPerSecond: median(r.map((x) => x.requestsPerSecond)),
        p50Ms: median(r.map((x) => x.p50Ms)),
        p99Ms: median(r.map((x) => x.p99Ms)),
        peakRssBytes: median(r.map((x) => x.peakRssBytes)),
        rssAfterBytes: median(r.map((x) => x.rssAfterBytes)),
        runs: r,
      };
    }),
  };
}
