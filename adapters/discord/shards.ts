import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import type { DiscordConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { ServiceObserver } from '../../src/service/types.js';
import { DiscordAdapterError } from './errors.js';
import { createDiscordScrubber, describeError } from './logging.js';

/**
 * Discord lets a bot start (IDENTIFY) `max_concurrency` gateway sessions per 5 seconds; shards are spawned
 * this far apart divided by that number, with a margin.
 */
export const IDENTIFY_WINDOW_MS = 5_500;

/** How long one shard process may take to load the corpus and reach READY before start-up fails. */
export const SHARD_READY_TIMEOUT_MS = 5 * 60_000;

/** How long a shard process gets to finish its answers after SIGTERM before it is killed. */
export const SHARD_STOP_TIMEOUT_MS = 15_000;

/** A running set of shard processes. */
export interface DiscordShardsHandle {
  readonly totalShards: number;
  /** Whether every shard's gateway session is up (for /healthz). */
  ready(): boolean;
  /** Asks every shard to shut down gracefully, and waits for them (bounded). */
  stop(): Promise<void>;
}

/** What the composition root hands the shard manager. */
export interface StartDiscordShardsOptions {
  /** Must have `shards` set: `auto` asks Discord for its recommended count. */
  config: DiscordConfig;
  logger: Logger;
  /** The script each shard process runs: the bot's own entry point, which detects it is a shard. */
  file: string;
  /** Node flags for the shard processes (e.g. `--import tsx` when running from source). */
  execArgv: readonly string[];
  /** Receives the question and vote events the shard processes forward, so /metrics counts them here. */
  observer?: ServiceObserver;
}

/** The IPC message a shard process sends for each ServiceObserver event. */
interface ObserverMessage {
  botObserver: 'answered' | 'voted';
  event: unknown;
}

const isObserverMessage = (message: unknown): message is ObserverMessage =>
  typeof message === 'object' && message !== null && 'botObserver' in message && 'event' in message;

/**
 * In a shard process: forwards each question and vote to the manager process, which owns the one /metrics
 * endpoint, so sharded bots are counted like any other.
 */
export function forwardObserverToManager(): ServiceObserver {
  const send = (botObserver: ObserverMessage['botObserver'], event: unknown) => {
    if (process.connected) process.send?.({ botObserver, event } satisfies ObserverMessage);
  };
  return {
    answered: (event) => send('answered', event),
    voted: (event) => send('voted', event),
  };
}

async function gatewayInfo(config: DiscordConfig): Promise<{ shards: number; maxConcurrency: number }> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl.replace(/\/+$/, '') } : {}).setToken(config.token);
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return { shards: info.shards, maxConcurrency: Math.max(1, info.session_start_limit.max_concurrency) };
}

function waitForExit(shard: Shard, timeoutMs: number): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Runs the Discord side of the bot as discord.js shards (DISCORD_SHARDS), one process each, for bots in more
 * than 2,500 servers, where Discord requires sharding. Each shard process loads the corpus and answers its
 * own servers' interactions; this process keeps HTTP, Slack and metrics. Resolves once every shard is ready.
 */
export async function startDiscordShards(options: StartDiscordShardsOptions): Promise<DiscordShardsHandle> {
  const { config } = options;
  const logger = options.logger.child({ component: 'discord-shards' });
  const scrub = createDiscordScrubber(config.token);

  let info: { shards: number; maxConcurrency: number };
  try {
    info = await gatewayInfo(config);
  } catch (error) {
    logger.error(
      { err: describeError(error, scrub) },
      'could not ask Discord for the gateway: check DISCORD_TOKEN and DISCORD_API_URL',
    );
    throw new DiscordAdapterError(
      'DISCORD_LOGIN_FAILED',
      'Discord refused GET /gateway/bot: check DISCORD_TOKEN (Developer Portal > Bot > Reset Token) and DISCORD_API_URL if set',
      { cause: error },
    );
  }
  const totalShards = config.shards === 'auto' || config.shards === undefined ? info.shards : config.shards;

  const manager = new ShardingManager(options.file, {
    totalShards,
    token: config.token,
    mode: 'process',
    respawn: true,
    execArgv: [...options.execArgv],
  });
  manager.on('shardCreate', (shard) => {
    const log = logger.child({ shard: shard.id });
    log.info({ totalShards }, 'shard process starting');
    shard.on('ready', () => log.info('shard ready'));
    shard.on('disconnect', () => log.warn('shard disconnected from the gateway'));
    shard.on('reconnecting', () => log.info('shard reconnecting'));
    shard.on('death', () => log.warn('shard process exited'));
    shard.on('error', (error: Error) => log.error({ err: describeError(error, scrub) }, 'shard error'));
    shard.on('message', (message: unknown) => {
      if (!isObserverMessage(message) || !options.observer) return;
      // The shard is our own code on the other end of the pipe; its events have the shape ServiceObserver declares.
      if (message.botObserver === 'answered')
        options.observer.answered(message.event as Parameters<ServiceObserver['answered']>[0]);
      else options.observer.voted(message.event as Parameters<ServiceObserver['voted']>[0]);
    });
  });

  const delay = Math.ceil(IDENTIFY_WINDOW_MS / info.maxConcurrency);
  try {
    await manager.spawn({ amount: totalShards, delay, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (error) {
    manager.respawn = false;
    await Promise.all(manager.shards.map((shard) => waitForExit(shard, 1000)));
    throw new DiscordAdapterError(
      'DISCORD_LOGIN_FAILED',
      `Discord shards did not all start (${scrub(error instanceof Error ? error.message : String(error))}): see the shard logs above`,
      { cause: error },
    );
  }
  logger.info({ totalShards, maxConcurrency: info.maxConcurrency }, 'all Discord shards ready');

  return {
    totalShards,
    ready: () => manager.shards.size === totalShards && manager.shards.every((shard) => shard.ready),
    async stop() {
      manager.respawn = false;
      await Promise.all(manager.shards.map((shard) => waitForExit(shard, SHARD_STOP_TIMEOUT_MS)));
      logger.info('Discord shards stopped');
    },
  };
}
