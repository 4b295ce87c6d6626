import { BotError } from '../../src/errors.js';

/**
 * Stable codes for the Discord adapter's failures, so an operator can search logs and alerts by code.
 * (Kept here rather than in src/errors.ts because the core must not know about platforms.)
 */
export type DiscordErrorCode =
  | 'DISCORD_LOGIN_FAILED'
  | 'DISCORD_REGISTER_FAILED'
  | 'DISCORD_INTERACTION_FAILED'
  | 'DISCORD_REPLY_FAILED'
  /** A hand-off could not be posted (or updated) in the mentors' channel: check DISCORD_MENTOR_CHANNEL. */
  | 'DISCORD_MENTOR_POST_FAILED'
  /** A mentor's answer could not reach the asker (DMs closed, channel gone); it is saved all the same. */
  | 'DISCORD_DELIVERY_FAILED';

/** A failure of the Discord adapter that stops it starting; the message says what to fix and never holds a secret. */
export class DiscordAdapterError extends BotError<DiscordErrorCode> {}
