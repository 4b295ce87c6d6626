import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { startSlack, type SlackHandle } from '../../adapters/slack/app.js';
import { isSlackEventsRequest, SLACK_EVENTS_PATH } from '../../adapters/slack/ids.js';
import type { ChannelPolicy } from '../../src/channels/channelPolicy.js';
import type { SlackMentorsConfig } from '../../src/config.js';
import type { Store } from '../../src/store/types.js';
import { REDACTED_PATHS } from '../../src/log.js';
import type { BotService, WorkGate } from '../../src/service/types.js';
import { startTestCore, type TestCore } from '../support/testCore.js';
import {
  postToSlackEvents,
  startFakeSlack,
  type FakeSlack,
  type SlackActor,
  type SlackRequestBody,
} from '../support/fakeSlack.js';

/** Credentials the bot is started with; tests assert none of them reaches a log line. */
export const BOT_TOKEN = 'xoxb-1111111111-2222222222-harnessBotTokenValue';
export const SIGNING_SECRET = 'harness-signing-secret-5f1e2d3c4b5a69788796a5b4';
export const APP_TOKEN = 'xapp-1-A0APP-3333333333-harnessAppTokenValue';

/** The asker in every test payload. */
export const ACTOR: SlackActor = { teamId: 'T0TEAM', userId: 'U0ASKER', userName: 'jane.doe' };

/** The real bot behind real Bolt on a real express server, with Slack faked on loopback. */
export interface SlackHarness {
  mode: SlackHandle['mode'];
  /** `http://127.0.0.1:<port>/slack/events` (HTTP mode). */
  eventsUrl: string;
  /** The origin citations link to. */
  publicUrl: string;
  fake: FakeSlack;
  service: BotService;
  store: Store;
  /** The real core behind it, as wired for the test. */
  core: TestCore;
  /** Every log line written while the harness ran (JSON, debug level), Bolt's included. */
  logs: string[];
  /** Resolves once the bot has fully handled everything it received (its answers sent, or nothing to send). */
  idle(): Promise<void>;
  /** The adapter's re-post of hand-offs nobody took (what the composition root's ticker calls); 0 with mentors off. */
  repostDue(now: Date): Promise<number>;
  /** Posts a request signed with the harness's signing secret. */
  post(
    request: SlackRequestBody,
    signing?: { timestamp?: number; headers?: Record<string, string> },
  ): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Socket Mode instead of HTTP. */
  socket?: boolean;
  ackDeadlineMs?: number;
  /** Wraps the real service, e.g. to slow it down or make it throw. */
  wrapService?: (service: BotService) => BotService;
  /** Start the bot with other tokens than the ones the fake Slack accepts. */
  tokens?: { botToken?: string; appToken?: string };
  /** Questions per user per minute (the real limiter); generous when absent. */
  rateLimitPerMinute?: number;
  /** The concurrency gate, e.g. a full one. */
  gate?: WorkGate;
  /** Q&A channels and per-channel settings (mentions-only everywhere when absent). */
  channels?: ChannelPolicy;
  /** Receives the log lines written before a failed start. */
  onStartFailure?: (logs: string[]) => void;
  /** Turns the mentor loop on: SLACK_MENTOR_CHANNEL and SLACK_MENTOR_GROUP. */
  mentors?: SlackMentorsConfig;
}

/** Starts everything on random loopback ports; `close()` tears it down. */
export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const logs: string[] = [];
  const logger = pino(
    { level: 'debug', base: null, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    { write: (line: string) => void logs.push(line) },
  );
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, teamId: ACTOR.teamId });

  // As the composition root does: Slack's POSTs to the adapter's handler, anything else to an (empty) express app.
  const expressApp = express();
  let slackEvents: RequestListener | undefined;
  const server: Server = await new Promise((resolve) => {
    const s = createServer((req, res) =>
      slackEvents && isSlackEventsRequest(req) ? slackEvents(req, res) : expressApp(req, res),
    ).listen(0, '127.0.0.1', () => resolve(s));
  });
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const core = await startTestCore({
    publicUrl,
    logger,
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    ...(options.gate ? { gate: options.gate } : {}),
    ...(options.wrapService ? { wrapService: options.wrapService } : {}),
  });
  const { service, store } = core;

  let handle: SlackHandle;
  try {
    handle = await startSlack({
      config: {
        botToken: options.tokens?.botToken ?? BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        apiUrl: fake.apiUrl,
        ...(options.socket ? { appToken: options.tokens?.appToken ?? APP_TOKEN } : {}),
        ...(options.mentors ? { mentors: options.mentors } : {}),
      },
      service,
      ...(options.channels ? { channels: options.channels } : {}),
      logger,
      routeEvents: (handler) => {
        slackEvents = handler;
      },
      ...(options.ackDeadlineMs === undefined ? {} : { ackDeadlineMs: options.ackDeadlineMs }),
    });
  } catch (error) {
    await closeServer(server);
    await fake.close();
    core.close();
    options.onStartFailure?.(logs);
    throw error;
  }

  return {
    mode: handle.mode,
    eventsUrl: `${publicUrl}${SLACK_EVENTS_PATH}`,
    publicUrl,
    fake,
    service,
    store,
    core,
    logs,
    idle: () => handle.idle(),
    repostDue: async (now) => (await handle.repostDue?.(now)) ?? 0,
    post: (request, signing = {}) =>
      postToSlackEvents(`${publicUrl}${SLACK_EVENTS_PATH}`, request, { signingSecret: SIGNING_SECRET, ...signing }),
    async close() {
      await handle.stop();
      await closeServer(server);
      await fake.close();
      core.close();
    },
  };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
