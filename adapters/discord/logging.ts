import { DiscordAPIError, Events, RESTEvents, type Client } from 'discord.js';
import type { Logger } from '../../src/log.js';
import { createScrubber, REDACTED, type Scrubber } from '../../src/shared/scrub.js';

/**
 * A scrubber for the bot token (whole, and in the partly censored form discord.js prints in its debug
 * output) and for interaction tokens, which appear in callback and webhook URLs and let anyone who holds
 * one reply as the bot for 15 minutes.
 */
export function createDiscordScrubber(botToken: string): Scrubber {
  const censored = botToken
    .split('.')
    .map((part, i) => (i > 1 ? part.replace(/./g, '*') : part))
    .join('.');
  return createScrubber([botToken, censored], [[/\/(interactions\/\d+|webhooks\/\d+)\/[^/?\s]+/g, `/$1/${REDACTED}`]]);
}

/** What is safe and useful to log about an error: type, Discord's code and status, and scrubbed text. */
export function describeError(error: unknown, scrub: Scrubber): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return {
      type: 'DiscordAPIError',
      code: error.code,
      status: error.status,
      method: error.method,
      url: scrub(error.url),
      message: scrub(error.message),
    };
  }
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return {
      type: error.name,
      ...(code === undefined ? {} : { code }),
      message: scrub(error.message),
      stack: scrub(error.stack ?? ''),
    };
  }
  return { message: scrub(String(error)) };
}

/**
 * Sends discord.js's own debug, warning and error events, and REST rate-limit warnings, to our logger,
 * every line scrubbed, so library trouble is visible without ever printing a token.
 */
export function forwardClientLogs(client: Client, logger: Logger, scrub: Scrubber): void {
  client.on(Events.Debug, (message) => logger.debug(scrub(message)));
  client.on(Events.Warn, (message) => logger.warn(scrub(message)));
  client.on(Events.Error, (error) => logger.error({ err: describeError(error, scrub) }, 'discord.js error'));
  client.on(Events.ShardError, (error, shardId) =>
    logger.error({ err: describeError(error, scrub), shardId }, 'Discord gateway connection error'),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, 'Discord gateway disconnected'),
  );
  client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'Discord gateway resumed'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn(
      { route: scrub(info.route), retryAfterMs: info.retryAfter, global: info.global, scope: info.scope },
      'Discord rate limit hit',
    ),
  );
  client.rest.on(RESTEvents.InvalidRequestWarning, (info) =>
    logger.warn({ count: info.count, remainingMs: info.remainingTime }, 'many rejected Discord requests'),
  );
}
