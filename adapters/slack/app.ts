import type { RequestListener } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import { fixedChannelPolicy, type ChannelPolicy } from '../../src/channels/channelPolicy.js';
import type { SlackConfig } from '../../src/config.js';
import { BotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { BotService } from '../../src/service/types.js';
import { safeErrorFields, toBoltLogger } from './boltLogger.js';
import { SLACK_EVENTS_PATH } from './ids.js';
import { registerSlackListeners } from './listeners.js';
import { registerMentorListeners } from './mentorListeners.js';
import { slackReplayGuard } from './replayGuard.js';

/** A running Slack adapter. */
export interface SlackHandle {
  /** `socket` when SLACK_APP_TOKEN is set (no public URL needed), else `http` at {@link SLACK_EVENTS_PATH}. */
  mode: 'http' | 'socket';
  /** Resolves once every event received so far has been fully handled (answers delivered, votes recorded). */
  idle(): Promise<void>;
  /** Disconnects (Socket Mode) and waits for answers still being delivered. */
  stop(): Promise<void>;
  /**
   * With the mentor loop on: re-posts, once, the hand-offs nobody has taken within MENTOR_REPOST_MINUTES, and
   * resolves with how many. The composition root's re-post ticker calls it.
   */
  repostDue?(now: Date): Promise<number>;
}

/** What the composition root hands the Slack adapter. */
export interface StartSlackOptions {
  config: SlackConfig;
  service: BotService;
  /** Q&A channels and per-channel settings; without it every channel is mentions-only. */
  channels?: ChannelPolicy;
  logger: Logger;
  /**
   * In HTTP mode, called at once (before the first await) with the handler of `POST /slack/events`, which the HTTP
   * server the composition root listens with routes to it ahead of its express app (see isSlackEventsRequest). This
   * adapter never listens itself.
   */
  routeEvents: (handler: RequestListener) => void;
  /** See SlackListenerDeps.ackDeadlineMs; 2000 ms unless a test wants the slow path quickly. */
  ackDeadlineMs?: number;
}

/** Slack refused the credentials or could not be reached at start; the message says which setting to check. */
export class SlackStartError extends BotError<'SLACK_START_FAILED'> {
  constructor(message: string, options: { cause: unknown }) {
    super('SLACK_START_FAILED', message, options);
  }
}

/** Slack answers `auth.test` and `apps.connections.open` with these when a token is wrong, revoked or mistyped. */
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/**
 * Starts the Slack adapter on Bolt and resolves once it is ready to answer: in HTTP mode after the bot token is
 * verified (auth.test), in Socket Mode once Slack's WebSocket has said hello. Rejects with SlackStartError when
 * Slack refuses the tokens. Bolt's own logs go through `logger`, scrubbed of every token and the signing secret.
 */
export async function startSlack(options: StartSlackOptions): Promise<SlackHandle> {
  const { config } = options;
  const logger = options.logger.child({ component: 'slack' });
  const secrets = [config.botToken, config.signingSecret, config.appToken].filter((s): s is string => !!s);
  const boltLogger = toBoltLogger(logger, secrets);
  const mode = config.appToken ? 'socket' : 'http';

  const common = {
    token: config.botToken,
    logger: boltLogger,
    logLevel: boltLogger.getLevel(),
    clientOptions: config.apiUrl ? { slackApiUrl: config.apiUrl.replace(/\/*$/, '/') } : {},
    // Verify the token in init() below, where a failure can be reported, not in the constructor.
    deferInitialization: true,
    // The bot keeps no per-conversation state; Bolt's default in-memory store would only grow.
    convoStore: false as const,
  };
  const { appToken } = config;
  let app: App;
  if (appToken) {
    app = new App({ ...common, socketMode: true, appToken });
  } else {
    // Bolt's own HTTP receiver, handed each request by the server directly: express's request handling (its router
    // and the request and response objects it re-prototypes) cost the answering thread a tenth of its time and moved
    // about 10 KB a request into V8's old generation, whose size V8 sets the heap's room by.
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: boltLogger,
      // slackReplayGuard, which runs first, has checked the signature of every request that reaches the receiver:
      // hashing each body a second time would only cost.
      signatureVerification: false,
    });
    const guard = slackReplayGuard({ signingSecret: config.signingSecret, logger });
    options.routeEvents((req, res) => guard(req, res, () => receiver.requestListener(req, res)));
    app = new App({ ...common, receiver });
  }

  const inFlight = new Set<Promise<unknown>>();
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  registerSlackListeners(app, {
    service: options.service,
    logger,
    secrets,
    ackDeadlineMs: options.ackDeadlineMs ?? 2000,
    channels: options.channels ?? fixedChannelPolicy({ slack: new Map(), discord: new Map() }),
    mentorChannel: config.mentors?.channel,
  });
  const mentorLoop = config.mentors
    ? registerMentorListeners(app, { service: options.service, logger, secrets, mentors: config.mentors })
    : undefined;

  try {
    await app.init();
  } catch (error) {
    throw startError('SLACK_BOT_TOKEN', 'auth.test', error, secrets);
  }
  if (mode === 'socket') {
    try {
      await app.start();
    } catch (error) {
      throw startError('SLACK_APP_TOKEN', 'apps.connections.open', error, secrets);
    }
  }
  logger.info(
    { mode },
    mode === 'socket' ? 'Slack connected over Socket Mode' : `Slack ready at POST ${SLACK_EVENTS_PATH}`,
  );

  const idle = async () => {
    await Promise.allSettled([...inFlight]);
  };
  return {
    mode,
    idle,
    async stop() {
      if (mode === 'socket') await app.stop();
      await idle();
    },
    ...(mentorLoop ? { repostDue: (now: Date) => mentorLoop.repostDue(now) } : {}),
  };
}

function startError(variable: string, call: string, error: unknown, secrets: readonly string[]): SlackStartError {
  const slackError = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  const reason = typeof slackError === 'string' ? slackError : safeErrorFields(error, secrets).message;
  const hint =
    typeof slackError === 'string' && TOKEN_ERRORS.has(slackError)
      ? variable === 'SLACK_APP_TOKEN'
        ? 'check SLACK_APP_TOKEN (Basic Information > App-Level Tokens, scope connections:write)'
        : 'check SLACK_BOT_TOKEN (OAuth & Permissions > Bot User OAuth Token) and that the app is installed'
      : 'check SLACK_API_URL and the network';
  return new SlackStartError(`Slack ${call} failed (${reason}): ${hint}`, { cause: error });
}
