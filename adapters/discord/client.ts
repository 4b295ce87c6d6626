import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { fixedChannelPolicy, type ChannelPolicy } from '../../src/channels/channelPolicy.js';
import type { DiscordConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { BotService } from '../../src/service/types.js';
import { registerCommands } from './commands.js';
import { DiscordAdapterError } from './errors.js';
import { createChannelMessageHandler } from './channelMessages.js';
import { handleInteraction } from './interactions.js';
import { createDiscordScrubber, describeError, forwardClientLogs } from './logging.js';
import { onMentorThreadMessage, repostDue, type MentorDeps } from './mentors.js';
import { DEFER_AFTER_MS } from './replies.js';

/** A mentor-thread message, with any failure logged rather than thrown; true when it was the mentor loop's. */
async function onMentorThreadMessageSafely(message: Message, mentors: MentorDeps): Promise<boolean> {
  try {
    return await onMentorThreadMessage(message, mentors);
  } catch (error) {
    mentors.logger.error(
      { code: 'DISCORD_MESSAGE_FAILED', err: describeError(error, mentors.scrub) },
      'could not take a mentor’s reply in a hand-off thread',
    );
    return true;
  }
}

/** A running Discord connection; `stop` closes the gateway and forgets the token. */
export interface DiscordHandle {
  /** Resolves once every channel message received so far has been handled (answered, or left alone). */
  idle(): Promise<void>;
  /**
   * Re-posts, once, each hand-off that has waited MENTOR_REPOST_MINUTES at `now` without a mentor (the adapter's own
   * timer calls it every `repostCheckMs`); resolves with how many. Always 0 when the mentor loop is off.
   */
  repostDue(now: Date): Promise<number>;
  stop(): Promise<void>;
}

export interface StartDiscordOptions {
  config: DiscordConfig;
  service: BotService;
  /** Q&A channels and per-channel settings; without it the bot answers only its commands. */
  channels?: ChannelPolicy;
  logger: Logger;
  /**
   * Register the commands before logging in (default true). A ShardingManager child that does not hold
   * shard 0 passes false, so N shards do not overwrite the same commands N times.
   */
  registerCommands?: boolean;
  /** How long an answer may take before the reply is deferred; tests shorten it. */
  deferAfterMs?: number;
  /**
   * How often to look for hand-offs due for their one re-post (mentor loop only); 0 turns the timer off, for tests
   * that call `repostDue` with a clock of their own. Every shard may look: the core hands each hand-off to one caller.
   */
  repostCheckMs?: number;
}

/** How often the bot looks for hand-offs to re-post: a minute is fine against a delay counted in minutes. */
export const REPOST_CHECK_MS = 60_000;

/**
 * The gateway intents the settings need, and no more: Guilds always; GuildMessages only when Q&A channels are set
 * (new posts, questions, follow-ups and mentions arrive as messages) or the mentor loop is on (a mentor's reply in a
 * hand-off's thread); the privileged MessageContent only when the owner enabled it (DISCORD_MESSAGE_CONTENT=true),
 * since Discord refuses the login otherwise.
 */
export function gatewayIntents(options: {
  qaChannels: boolean;
  messageContent: boolean;
  mentors?: boolean;
}): GatewayIntentBits[] {
  const messages = options.qaChannels || options.mentors === true;
  return [
    GatewayIntentBits.Guilds,
    ...(messages ? [GatewayIntentBits.GuildMessages] : []),
    ...(messages && options.messageContent ? [GatewayIntentBits.MessageContent] : []),
  ];
}

/**
 * Connects the bot to Discord: a discord.js client with the intents {@link gatewayIntents} picks,
 * `rest.api` pointed at DISCORD_API_URL when set, commands registered, interactions routed to the core.
 * Resolves once the client is ready. Takes its config as an argument, so it runs the same in a shard child.
 */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordHandle> {
  const { config, service } = options;
  const logger = options.logger.child({ component: 'discord' });
  const scrub = createDiscordScrubber(config.token);

  const inFlight = new Set<Promise<void>>();
  const channels = options.channels ?? fixedChannelPolicy({ slack: new Map(), discord: new Map() });
  const qaChannels = channels.hasQaChannels('discord');
  const messageContent = config.messageContent === true;
  const client = new Client({
    intents: gatewayIntents({ qaChannels, messageContent, mentors: config.mentors !== undefined }),
    // Belt and braces: every reply already sets allowed_mentions, and this covers anything that does not.
    allowedMentions: { parse: [] },
    ...(config.apiUrl ? { rest: { api: config.apiUrl.replace(/\/+$/, '') } } : {}),
  });
  forwardClientLogs(client, logger, scrub);

  const deps = { service, logger, scrub, deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS };
  const mentors: MentorDeps | undefined = config.mentors
    ? { service, logger, scrub, config: config.mentors, client, deferAfterMs: deps.deferAfterMs }
    : undefined;
  client.on(
    Events.InteractionCreate,
    (interaction) => void handleInteraction(interaction, { ...deps, channels, mentors }),
  );
  const onQaMessage = qaChannels
    ? createChannelMessageHandler(client, {
        service,
        channels,
        logger,
        scrub,
        messageContent,
        askMentor: mentors !== undefined,
      })
    : undefined;
  if (qaChannels || mentors) {
    const onMessage = async (message: Message) => {
      // A reply in a hand-off's thread belongs to the mentor loop, never to Q&A answering.
      if (mentors && (await onMentorThreadMessageSafely(message, mentors))) return;
      await onQaMessage?.(message);
    };
    client.on(Events.MessageCreate, (message) => {
      const work = onMessage(message);
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    });
  }

  if (options.registerCommands !== false) {
    client.rest.setToken(config.token);
    try {
      const result = await registerCommands(client.rest, {
        applicationId: config.applicationId,
        guildId: config.guildId,
        mentors: mentors !== undefined,
      });
      logger.info({ ...result, guildId: config.guildId }, 'Discord commands registered');
    } catch (error) {
      // The commands registered last time still work, so answer questions anyway; the log says how to fix it.
      logger.error(
        { code: 'DISCORD_REGISTER_FAILED', err: describeError(error, scrub) },
        'could not register Discord commands: check DISCORD_APPLICATION_ID, and that the bot was invited with the applications.commands scope',
      );
    }
  }

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
  } catch (error) {
    await client.destroy();
    const reason = error instanceof Error ? scrub(error.message) : 'unknown error';
    throw new DiscordAdapterError(
      'DISCORD_LOGIN_FAILED',
      `Discord login failed (${reason}): check DISCORD_TOKEN (Developer Portal > Bot > Reset Token) and DISCORD_API_URL if set`,
      { cause: error },
    );
  }
  await ready;
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'Discord bot ready');

  const repostNow = async (now: Date): Promise<number> => {
    if (!mentors) return 0;
    try {
      return await repostDue(now, mentors);
    } catch (error) {
      logger.error(
        { code: 'DISCORD_MENTOR_POST_FAILED', err: describeError(error, scrub) },
        'could not re-post hand-offs',
      );
      return 0;
    }
  };
  const repostEvery = options.repostCheckMs ?? REPOST_CHECK_MS;
  // unref: the timer never keeps a stopping process alive; stop() clears it too.
  const repostTimer =
    mentors && repostEvery > 0 ? setInterval(() => void repostNow(new Date()), repostEvery).unref() : undefined;

  return {
    idle: async () => {
      await Promise.allSettled([...inFlight]);
    },
    repostDue: repostNow,
    stop: async () => {
      clearInterval(repostTimer);
      // Answers being delivered finish first: the gate has already stopped new work.
      await Promise.allSettled([...inFlight]);
      await client.destroy();
      logger.info('Discord bot stopped');
    },
  };
}
