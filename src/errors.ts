/** Stable codes for errors that a person or an operator may see; logs carry the code and the cause. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CORPUS_DIR_MISSING'
  | 'CORPUS_EMPTY'
  | 'CORPUS_FILE_INVALID'
  | 'INDEX_LOAD_FAILED'
  | 'INDEX_SAVE_FAILED'
  | 'BUSY'
  | 'STORE_UNAVAILABLE';

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

/**
 * The store could not do what was asked: the database is down, unreachable or failing. Nothing was saved; the
 * adapter tells the user to try again, and the store recovers by itself when the database returns.
 */
export class StoreUnavailableError extends BotError {
  constructor(what: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', `could not ${what}: the store is unavailable`, options);
  }
}
