/**
 * The composition root: environment -> config -> corpus index -> store -> service -> adapters -> HTTP
 * server, and the orderly shutdown of all of it. The only file in src/ that imports adapters/.
 * `npm start` (node, two V8 memory flags, dist/start/main.js: the bundle scripts/bundle.ts makes of this file)
 * runs it; tests call startBot in-process.
 */
import { realpathSync } from 'node:fs';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { DiscordShardsHandle } from '../adapters/discord/shards.js';
import { isSlackEventsRequest } from '../adapters/slack/ids.js';
import { createWebApp, createWebServer } from '../adapters/web/app.js';
import { loadChannelPolicy, type ChannelPolicy, type LiveChannelPolicy } from './channels/channelPolicy.js';
import { loadConfig, loadDotenv, type Config } from './config.js';
import { loadStartupIndex } from './index/indexSnapshot.js';
import { createLiveIndex, type LiveIndex } from './index/liveIndex.js';
import { BotError, ConfigError } from './errors.js';
import { mountNotFound } from '../adapters/web/notFound.js';
import { createLogger, type Logger } from './log.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { terminalProgress } from './observability/progressBar.js';
import type { SearchIndex } from './search/buildIndex.js';
import { DECLINE_FLOOR } from './search/rankPassages.js';
import { MENTOR_ANSWERS_REFRESH_MS } from './mentors/mentorIndex.js';
import { isMentorReposter, startRepostTicker } from './mentors/repostTicker.js';
import { type BotServiceHandle, createBotService } from './service/botService.js';
import { createRateLimiter } from './service/rateLimiter.js';
import type { PreviewRenderer } from './service/previewRenderer.js';
import type { BotService, ServiceObserver } from './service/types.js';
import { createWorkGate, type DrainableWorkGate } from './service/workGate.js';
import { deferStore } from './store/deferredStore.js';
import type { Store } from './store/types.js';
import { createGracefulShutdown, trackHttpRequests, type ShutdownResult, type ShutdownStep } from './shutdown.js';

/** What a caller (a test, an embedding program) may decide instead of the environment. */
export interface StartBotOptions {
  /** Resolves relative CORPUS_DIR / DATA_DIR; the process's working directory by default. */
  cwd?: string;
  /** Use this logger instead of one made from LOG_LEVEL and LOG_FORMAT (tests capture the lines). */
  logger?: Logger;
}

/** A started bot: what it serves, and how to stop it. */
export interface RunningBot {
  readonly config: Readonly<Config>;
  readonly logger: Logger;
  readonly service: BotService;
  /** Where the HTTP server listens; undefined in a Discord shard process, which serves no HTTP. */
  readonly url?: string;
  /**
   * Rebuilds the index from CORPUS_DIR now, as a change there would, once any rebuild under way has finished;
   * resolves when every rebuild asked for so far is done (true when a new index was swapped in).
   */
  reloadCorpus(): Promise<boolean>;
  /** Stops taking new work, finishes the work in flight (bounded by SHUTDOWN_TIMEOUT_SECONDS), releases everything. */
  stop(reason?: string): Promise<ShutdownResult>;
}

/**
 * The id of the Discord shard this process runs, when a ShardingManager spawned it (see adapters/discord/shards.ts);
 * read here from the variables discord.js sets, so that deciding does not load discord.js.
 */
function shardIdOf(env: NodeJS.ProcessEnv): number | undefined {
  if (env.SHARDING_MANAGER !== 'true' || env.SHARDS === undefined) return undefined;
  return [JSON.parse(env.SHARDS) as number | number[]].flat()[0];
}

/**
 * What to release on the way out, in order. The store is `last`: adapters may record a vote until they stop.
 * Start-up pushes each thing as it starts, so a failed start releases exactly what had started.
 */
interface Releases {
  first: ShutdownStep[];
  last: ShutdownStep[];
}

const inOrder = (releases: Releases): ShutdownStep[] => [...releases.first, ...releases.last];

/** The pieces both kinds of process share: the live index, the store, the gate and the service. */
interface Core {
  live: LiveIndex;
  gate: DrainableWorkGate;
  store: Store;
  service: BotServiceHandle;
  channels: ChannelPolicy;
  /** Opens the store's database (see deferStore); the store's calls wait for it. */
  openStore: () => Promise<Store>;
  /** Saves the index built from the corpus folder at start for the next start (see loadStartupIndex). */
  saveIndex?: (() => Promise<void>) | undefined;
}

const corpusStats = (index: SearchIndex) => ({
  documents: index.corpus.documents.length,
  passages: index.corpus.passages.length,
  skippedFiles: index.corpus.warnings.length,
});

/** Loaded after start-up, not on import: kysely and its driver take a while to load (see deferStore). */
const loadStore = () => import('./store/openStore.js');

async function startCore(
  channels: LiveChannelPolicy,
  config: Readonly<Config>,
  logger: Logger,
  releases: Releases,
  observer: ServiceObserver,
  metrics?: Metrics,
): Promise<Core> {
  // Opened once the bot is listening (openStore below): answers need none, and loading kysely and a driver would
  // delay the first answer. A database that is down does not stop the start either: the store recovers by itself.
  const deferred = deferStore(config.store.kind, () =>
    loadStore().then(({ openStore }) =>
      openStore({
        target: config.store,
        storeUserIds: config.storeUserIds,
        logger,
        onStatus: (status) => metrics?.storeStatus(status),
      }),
    ),
  );
  releases.last.push({ name: 'the store', run: () => deferred.store.close() });

  releases.first.push({ name: 'the channel settings watcher', run: () => channels.close() });
  if (config.watchCorpus) await channels.watch();

  const started = performance.now();
  const progress = terminalProgress(process.stderr, 'Indexing corpus');
  const { index, source, saveForNextStart } = await loadStartupIndex({
    corpusDir: config.corpusDir,
    indexFile: config.indexFile,
    logger,
    onProgress: progress.onProgress,
  })
    .catch((error: unknown) => {
      // Nothing to answer from is the operator's setting to fix, said like any other configuration error.
      if (error instanceof BotError && error.code === 'CORPUS_EMPTY') {
        throw new ConfigError(
          'CORPUS_DIR',
          `${error.message}; add .md, .markdown or .txt files, or point CORPUS_DIR at your documents`,
        );
      }
      throw error;
    })
    .finally(() => progress.stop());
  logger.info({ source, ...corpusStats(index), ms: Math.round(performance.now() - started) }, 'corpus loaded');
  metrics?.corpusLoaded(corpusStats(index));

  const live = createLiveIndex({
    dir: config.corpusDir,
    initial: index,
    logger,
    onSwap: (next) => metrics?.corpusLoaded(corpusStats(next)),
    onFailure: () => metrics?.reloadFailed(),
  });
  releases.first.push({ name: 'the corpus watcher', run: () => live.close() });
  if (config.watchCorpus) await live.watch();

  const { store } = deferred;
  const gate = createWorkGate({ maxConcurrent: config.maxConcurrent, maxQueued: config.maxQueued });
  const service = createBotService({
    index: () => live.current,
    store,
    publicUrl: config.publicUrl,
    logger,
    limiter: createRateLimiter({ perMinute: config.rateLimitPerMinute }),
    gate,
    observer,
    mentorRepostMinutes: config.mentorRepostMinutes,
  });
  // Mentor answers saved through another replica (or shard) reach this one within the refresh time.
  const refresh = setInterval(() => void service.refreshMentorAnswers(), MENTOR_ANSWERS_REFRESH_MS).unref();
  releases.first.push({ name: 'the mentor answers refresh', run: async () => clearInterval(refresh) });
  return { live, gate, store, service, channels, openStore: deferred.open, saveIndex: saveForNextStart };
}

/**
 * What answering does not need, done once it has started: saves the index built at start for the next one, opens the
 * store, then reads the mentor answers saved so far. A failure to even load the store's code is logged, and its
 * calls report it.
 */
async function openAfterStart(core: Core, logger: Logger): Promise<void> {
  await core.saveIndex?.();
  await core.openStore().catch((error: unknown) => logger.error({ err: error }, 'could not open the store'));
  await core.service.refreshMentorAnswers();
}

/** Listens on PORT; a port taken or forbidden is a configuration error naming PORT, not a crash. */
function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        return reject(
          new ConfigError('PORT', `port ${port} is already in use; stop the other server or choose another PORT`),
        );
      }
      if (error.code === 'EACCES') {
        return reject(
          new ConfigError('PORT', `port ${port} needs privileges this process lacks; choose a PORT above 1023`),
        );
      }
      reject(error);
    };
    server.once('error', failed);
    server.listen(port, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * The platform adapters load only when configured: a Slack-only bot never pays discord.js's start-up time or
 * memory, and a configuration error is reported before either loads.
 */
const loadSlack = () => import('../adapters/slack/app.js');

/**
 * The playground's previews load on the first preview, not at start: the Discord renderer alone pulls in
 * discord-api-types (~150 ms of module loading) that answering never needs.
 */
let previews: Promise<readonly PreviewRenderer[]> | undefined;
const loadPreviews = () =>
  (previews ??= Promise.all([import('../adapters/slack/preview.js'), import('../adapters/discord/preview.js')]).then(
    ([slack, discord]) => [slack.slackPreviewRenderer, discord.discordPreviewRenderer],
  ));
const loadDiscord = () => import('../adapters/discord/client.js');
const loadShards = () => import('../adapters/discord/shards.js');

/** Starts Slack and Discord side by side; if one fails, the other is still registered for release. */
async function startPlatforms(
  starts: { name: string; start: Promise<{ stop(): Promise<void> }> | undefined }[],
  releases: Releases,
  logger: Logger,
): Promise<void> {
  const results = await Promise.allSettled(starts.map((s) => s.start));
  const handles: object[] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled' && result.value) {
      const handle = result.value;
      handles.push(handle);
      releases.first.push({ name: starts[i]!.name, run: () => handle.stop() });
    }
  });
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  // A platform with a mentors' channel re-posts, once, each hand-off nobody took in MENTOR_REPOST_MINUTES.
  const reposters = handles.filter(isMentorReposter);
  if (reposters.length > 0) {
    const ticker = startRepostTicker({ reposters, logger });
    releases.first.unshift({ name: 'the hand-off re-posts', run: () => ticker.stop() });
  }
}

/** This process serves HTTP (playground, docs, /healthz, /metrics, Slack's /slack/events) and the chat platforms. */
async function startMainProcess(
  config: Readonly<Config>,
  channels: LiveChannelPolicy,
  logger: Logger,
  releases: Releases,
): Promise<RunningBot> {
  const metrics = createMetrics();
  const core = await startCore(channels, config, logger, releases, metrics.observer, metrics);
  const { service, store, gate } = core;

  let started = false;
  let stopping = false;
  let shards: DiscordShardsHandle | undefined;
  const app = createWebApp({
    service,
    store,
    logger,
    publicUrl: config.publicUrl,
    insightsToken: config.insightsToken,
    isReady: () => started && !stopping && (shards?.ready() ?? true),
    previews: loadPreviews,
    voteLimiter: createRateLimiter({ perMinute: config.rateLimitPerMinute }),
    trustProxy: config.trustProxy,
  });
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.contentType).send(await metrics.render());
  });
  // Slack's POSTs (HTTP mode) go straight to the Slack adapter's handler, everything else to the web app.
  let slackEvents: RequestListener | undefined;
  const server = createWebServer((req, res) =>
    slackEvents && isSlackEventsRequest(req) ? slackEvents(req, res) : app(req, res),
  );
  const http = trackHttpRequests(server);
  const port = await listen(server, config.port);
  releases.first.push({ name: 'the HTTP server', run: () => http.destroy() });
  const url = `http://localhost:${port}`;
  logger.info({ port }, `listening on ${url}`);

  const { slack, discord } = config;
  const slackMode = slack ? (slack.appToken ? 'socket' : 'http') : 'off';
  const discordMode = discord ? (discord.shards ? `sharded (${String(discord.shards)})` : 'gateway') : 'off';
  const entryPoint = fileURLToPath(import.meta.url);
  await startPlatforms(
    [
      {
        name: 'Slack',
        start:
          slack &&
          loadSlack().then(({ startSlack }) =>
            startSlack({
              config: slack,
              service,
              channels,
              logger,
              routeEvents: (handler) => {
                slackEvents = handler;
              },
            }),
          ),
      },
      {
        name: 'Discord',
        start:
          discord &&
          (discord.shards
            ? loadShards()
                .then(({ startDiscordShards }) =>
                  startDiscordShards({
                    config: discord,
                    logger,
                    file: entryPoint,
                    execArgv: process.execArgv,
                    observer: metrics.observer,
                  }),
                )
                .then((handle) => (shards = handle))
            : loadDiscord().then(({ startDiscord }) => startDiscord({ config: discord, service, channels, logger }))),
      },
    ],
    releases,
    logger,
  );
  // After Bolt's /slack/events and /metrics: everything else is a JSON 404 under /api/, the site's 404 page elsewhere.
  mountNotFound(app);
  if (!slack && !discord) logger.info(`Playground: ${url}`);
  logger.info({ slack: slackMode, discord: discordMode }, 'ready');
  started = true;
  // /healthz is 200 from here; the index built at start is saved and the store opens now, and startBot resolves once
  // both are done (or failed).
  await openAfterStart(core, logger);

  const shutdown = createGracefulShutdown({
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    stopAccepting: () => {
      stopping = true;
      gate.close();
    },
    drain: async () => {
      await Promise.all([http.close(), gate.idle()]);
    },
    release: inOrder(releases),
  });
  return {
    config,
    logger,
    service,
    url,
    reloadCorpus: () => core.live.reload(),
    stop: (reason = 'stop') => shutdown(reason),
  };
}

/** A process spawned by the ShardingManager: one Discord shard, no HTTP. Metrics go to the manager process. */
async function startShardProcess(
  config: Readonly<Config>,
  channels: LiveChannelPolicy,
  logger: Logger,
  shardId: number,
  releases: Releases,
): Promise<RunningBot> {
  if (!config.discord) throw new ConfigError('DISCORD_TOKEN', 'is required in a Discord shard process');
  const [{ forwardObserverToManager }, { startDiscord }] = await Promise.all([loadShards(), loadDiscord()]);
  const core = await startCore(channels, config, logger, releases, forwardObserverToManager());
  await openAfterStart(core, logger);
  // Shard 0 registers the commands once for everyone.
  const discord = await startDiscord({
    config: config.discord,
    service: core.service,
    channels: core.channels,
    logger,
    registerCommands: shardId === 0,
  });
  releases.first.push({ name: 'Discord', run: () => discord.stop() });
  logger.info('ready');
  const shutdown = createGracefulShutdown({
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    stopAccepting: () => core.gate.close(),
    drain: () => core.gate.idle(),
    release: inOrder(releases),
  });
  return {
    config,
    logger,
    service: core.service,
    reloadCorpus: () => core.live.reload(),
    stop: (reason = 'stop') => shutdown(reason),
  };
}

/**
 * Starts the whole bot from an environment. Throws ConfigError (naming the variable) before anything starts when a
 * setting is wrong; any later failure is logged, whatever had started is released, and the error is rethrown.
 */
export async function startBot(env: NodeJS.ProcessEnv, options: StartBotOptions = {}): Promise<RunningBot> {
  const config = loadConfig(env, options.cwd);
  const shardId = shardIdOf(env);
  const base = options.logger ?? createLogger({ level: config.logLevel, pretty: config.logPretty });
  const logger = shardId === undefined ? base : base.child({ shard: shardId });
  // Read before anything starts: a mistake in CHANNELS_FILE stops start-up like any other setting, a line per mistake.
  const channels = loadChannelPolicy({
    lists: { slack: config.channels.slackQa, discord: config.channels.discordQa },
    file: config.channels.file,
    limits: { minConfidence: DECLINE_FLOOR },
    logger,
  });
  const releases: Releases = { first: [], last: [] };
  try {
    return shardId === undefined
      ? await startMainProcess(config, channels, logger, releases)
      : await startShardProcess(config, channels, logger, shardId, releases);
  } catch (error) {
    // A ConfigError is reported as one line by whoever called (runAsProcess prints it); anything else is logged here.
    if (!(error instanceof ConfigError)) {
      logger.fatal({ err: error }, `could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const step of inOrder(releases))
      await Promise.resolve()
        .then(step.run)
        .catch(() => undefined);
    throw error;
  }
}

/** Runs the bot as a process: `.env`, start, SIGTERM/SIGINT, and exit codes (0 after a graceful stop, 1 on failure). */
async function runAsProcess(): Promise<void> {
  loadDotenv();
  let bot: RunningBot | undefined;
  let stopRequest: { reason: string; exitCode: number } | undefined;
  const stop = (reason: string, exitCode = 0) => {
    // The first request wins; `npm start` in a terminal delivers Ctrl-C twice (from the terminal and from npm).
    if (stopRequest && bot) return;
    stopRequest = { reason, exitCode };
    // A signal during start-up is honoured as soon as start-up ends, so nothing half-started is left behind.
    bot?.stop(reason).then(
      () => process.exit(exitCode),
      (error: unknown) => {
        bot?.logger.fatal({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM')).on('SIGINT', () => stop('SIGINT'));
  // A shard process whose manager is gone has no one to report to: stop like on SIGTERM.
  if (process.channel) process.once('disconnect', () => stop('manager process gone'));

  try {
    bot = await startBot(process.env);
  } catch (error) {
    // A config error has no logger yet: one line naming the variable (never its value). Anything else is logged.
    if (error instanceof ConfigError) process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  process.on('unhandledRejection', (error) => {
    bot?.logger.fatal({ err: error }, 'unhandled rejection');
    stop('unhandled rejection', 1);
  });
  // After an exception nobody caught, the process state is unknown: log it through the one logger and leave.
  process.on('uncaughtException', (error) => {
    bot?.logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  if (stopRequest) {
    const { reason, exitCode } = stopRequest;
    stopRequest = undefined;
    stop(reason, exitCode);
  }
}

const runDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) void runAsProcess();
