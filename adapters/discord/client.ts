import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { BotService } from '../../src/service/types.js';
import { registerCommands } from './commands.js';
import { DiscordAdapterError } from './errors.js';
import { handleInteraction } from './interactions.js';
import { createDiscordScrubber, describeError, forwardClientLogs } from './logging.js';
import { DEFER_AFTER_MS } from './replies.js';

/** A running Discord connection; `stop` closes the gateway and forgets the token. */
export interface DiscordHandle {
  stop(): Promise<void>;
}

export interface StartDiscordOptions {
  config: DiscordConfig;
  service: BotService;
  logger: Logger;
  /**
   * Register the commands before logging in (default true). A ShardingManager child that does not hold
   * shard 0 passes false, so N shards do not overwrite the same commands N times.
   */
  registerCommands?: boolean;
  /** How long an answer may take before the reply is deferred; tests shorten it. */
  deferAfterMs?: number;
}

/**
 * Connects the bot to Discord: a discord.js client with only the Guilds intent (no privileged intents),
 * `rest.api` pointed at DISCORD_API_URL when set, commands registered, interactions routed to the core.
 * Resolves once the client is ready. Takes its config as an argument, so it runs the same in a shard child.
 */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordHandle> {
  const { config, service } = options;
  const logger = options.logger.child({ component: 'discord' });
  const scrub = createDiscordScrubber(config.token);

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Belt and braces: every reply already sets allowed_mentions, and this covers anything that does not.
    allowedMentions: { parse: [] },
    ...(config.apiUrl ? { rest: { api: config.apiUrl.replace(/\/+$/, '') } } : {}),
  });
  forwardClientLogs(client, logger, scrub);

  const deps = { service, logger, scrub, deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS };
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, deps));

  if (options.registerCommands !== false) {
    client.rest.setToken(config.token);
    try {
      const result = await registerCommands(client.rest, {
        applicationId: config.applicationId,
        guildId: config.guildId,
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

  return {
    stop: async () => {
      await client.destroy();
      logger.info('Discord bot stopped');
    },
  };
}
