/** Stable codes for errors that a person or an operator may see; logs carry the code and the cause. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CORPUS_DIR_MISSING'
  | 'CORPUS_EMPTY'
  | 'CORPUS_FILE_INVALID'
  | 'INDEX_LOAD_FAILED'
  | 'BUSY';

/**
 * Base of every error the bot raises on purpose. Adapters extend it with their own codes (SlackStartError,
 * DiscordAdapterError), so a log or a caller reads `code` the same way whatever raised it.
 */
export class BotError<Code extends string = ErrorCode> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting is missing or malformed; `variable` names it, and the message says how to fix it. */
export class ConfigError extends BotError {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super('CONFIG_INVALID', `${variable}: ${message}`);
  }
}

/** The work gate is full (or closing for shutdown); the service tells the user to try again in a moment. */
export class BusyError extends BotError {
  constructor() {
    super('BUSY', 'too many questions in flight');
  }
}
