/**
 * Comparison 3: signed `/backend` slash commands under load (autocannon, 127.0.0.1), the bot in Slack HTTP mode
 * against the bare Bolt app. Each run starts its app fresh, warms it up, then measures; runs alternate between
 * the two apps so load from elsewhere on the machine falls on both.
 */
import autocannon from 'autocannon';
import { median } from './support/stats.js';
import { peakRss } from './support/processes.js';
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
}

export interface EndpointAppResult {
  app: AppKind;
  /** Medians over `runs`. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  peakRssBytes: number;
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
            options.questions[n % options.questions.length]!,
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

/** Runs comparison 3. */
export async function compareEndpoint(options: EndpointOptions): Promise<EndpointResult> {
  const kinds: AppKind[] = ['bot', 'bare Bolt app'];
  const runs = new Map<AppKind, EndpointRun[]>(kinds.map((k) => [k, []]));
  for (let round = 0; round < options.repeats; round++) {
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(round + k) % kinds.length]!;
      options.progress(
        `${kind}: ${options.durationSeconds} s of signed /backend commands (run ${round + 1} of ${options.repeats})`,
      );
      const app = await startApp(kind, options);
      try {
        await load(app.url, options, options.warmUpSeconds);
        const r = await load(app.url, options, options.durationSeconds);
        runs.get(kind)!.push({
          requestsPerSecond: r.requests.average,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          requests: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
          notices: r.notices,
          peakRssBytes: peakRss(app.pid) ?? 0,
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
    apps: kinds.map((app) => {
      const r = runs.get(app)!;
      return {
        app,
        requestsPerSecond: median(r.map((x) => x.requestsPerSecond)),
        p50Ms: median(r.map((x) => x.p50Ms)),
        p99Ms: median(r.map((x) => x.p99Ms)),
        peakRssBytes: median(r.map((x) => x.peakRssBytes)),
        runs: r,
      };
    }),
  };
}
