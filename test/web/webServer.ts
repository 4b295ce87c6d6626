import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { discordPreviewRenderer } from '../../adapters/discord/preview.js';
import { slackPreviewRenderer } from '../../adapters/slack/preview.js';
import { createWebApp, createWebServer } from '../../adapters/web/app.js';
import { mountNotFound } from '../../adapters/web/notFound.js';
import type { Store } from '../../src/store/types.js';
import type { Logger } from '../../src/log.js';
import { createRateLimiter } from '../../src/service/rateLimiter.js';
import type { BotService, WorkGate } from '../../src/service/types.js';
import { startTestCore, type TestCore } from '../support/testCore.js';

/** A running web app on 127.0.0.1, built from the real corpus, service and SQLite store in a temp DATA_DIR. */
export interface RunningWebApp {
  /** The server's origin on 127.0.0.1, for requests from the test. */
  url: string;
  /** The PUBLIC_URL its citations link to: `url` unless the test chose another host name. */
  publicUrl: string;
  service: BotService;
  store: Store;
  /** The real core behind it, as wired for the test. */
  core: TestCore;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts the real web app the way the composition root does (real corpus, real service, real store), listening on
 * a random port. `ready` flips /healthz; `rateLimitPerMinute` lets a test reach the limit quickly.
 */
export async function startWebApp(
  options: {
    insightsToken?: string;
    ready?: () => boolean;
    rateLimitPerMinute?: number;
    /** The concurrency gate, e.g. a full one. */
    gate?: WorkGate;
    /** Lets a test make one service method fail, to see what the web app does with an unexpected error. */
    wrapService?: (service: BotService) => BotService;
    logger?: Logger;
    /**
     * Host name in PUBLIC_URL. Discord takes no embed link to a host without a top-level domain, so a test that
     * needs the passage link in the Discord payload uses a `*.localhost` name (which browsers resolve to loopback).
     */
    publicHost?: string;
    /** TRUST_PROXY as parsed by the config (default: trust no proxy, like the bot). */
    trustProxy?: false | number | readonly string[];
  } = {},
): Promise<RunningWebApp> {
  const logger = options.logger ?? pino({ level: 'silent' });
  // Listen first: the citations must link to this server, whose port is known only once it listens.
  let app: RequestListener | undefined;
  const server = createWebServer((req, res) => app?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const publicUrl = `http://${options.publicHost ?? '127.0.0.1'}:${port}`;
  const core = await startTestCore({
    publicUrl,
    logger,
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    ...(options.gate ? { gate: options.gate } : {}),
    ...(options.wrapService ? { wrapService: options.wrapService } : {}),
  });
  const { real: service, store, dataDir } = core;
  const webApp = createWebApp({
    service: core.service,
    store,
    logger,
    publicUrl,
    insightsToken: options.insightsToken,
    isReady: options.ready ?? (() => true),
    previews: async () => [slackPreviewRenderer, discordPreviewRenderer],
    voteLimiter: createRateLimiter({ perMinute: options.rateLimitPerMinute ?? 10_000 }),
    trustProxy: options.trustProxy ?? false,
  });
  mountNotFound(webApp);
  app = webApp;

  return {
    url: `http://127.0.0.1:${port}`,
    publicUrl,
    service,
    store,
    core,
    dataDir,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      core.close();
    },
  };
}
