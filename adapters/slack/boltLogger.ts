import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { createScrubber, REDACTED } from '../../src/shared/scrub.js';

/**
 * Token shapes Slack uses (bot, user, app-level, config tokens), and any `…token` field, such as the legacy
 * verification `token` that every request body carries and that Bolt prints when it logs a body at debug level.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]+/g, REDACTED],
  [/("[a-z_]*token"\s*:\s*")[^"]*"/gi, `$1${REDACTED}"`],
  [/(\b[a-z_]*token=)[^&\s]+/gi, `$1${REDACTED}`],
];

/**
 * Removes secrets from a string: the configured values themselves wherever they appear, and anything shaped like a
 * Slack token. Bolt and its Web API client log free text (request bodies at debug level, error messages), which the
 * pino `redact` paths cannot reach, so the text itself is scrubbed.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return createScrubber(secrets, SECRET_PATTERNS)(text);
}

const TO_BOLT_LEVEL: Readonly<Record<string, LogLevel>> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

type PinoMethod = 'debug' | 'info' | 'warn' | 'error';

/**
 * Bolt, its Web API client and its Socket Mode client all log through this, so their lines land in the one pino
 * logger (same format, same level, same destination) with secrets scrubbed. The level belongs to LOG_LEVEL:
 * Bolt's `setLevel` is deliberately ignored so a library cannot turn debug logging on or off behind its back.
 */
export function toBoltLogger(logger: Logger, secrets: readonly string[]): BoltLogger {
  const write = (method: PinoMethod, args: unknown[]): void => {
    if (!logger.isLevelEnabled(method)) return;
    const errors = args.filter((a): a is Error => a instanceof Error);
    const text = scrubSecrets(args.map((a) => describe(a)).join(' '), secrets);
    if (errors[0] === undefined) logger[method](text);
    else logger[method]({ error: safeErrorFields(errors[0], secrets) }, text);
  };
  return {
    debug: (...args: unknown[]) => write('debug', args),
    info: (...args: unknown[]) => write('info', args),
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write('error', args),
    setLevel: () => undefined,
    getLevel: () => TO_BOLT_LEVEL[logger.level] ?? LogLevel.INFO,
    // Lines already carry `component: slack` from the child logger; Bolt's own names add nothing.
    setName: () => undefined,
  };
}

/** What a log line needs from an error. */
export interface SafeErrorFields {
  type: string;
  message: string;
  stack?: string;
  code?: string;
}

/**
 * An error reduced to its type, code, message and stack, scrubbed. Logged under `error`, not `err`: pino's `err`
 * serializer copies every enumerable property, and a library error can carry request details (headers, bodies)
 * that hold a token.
 */
export function safeErrorFields(error: unknown, secrets: readonly string[]): SafeErrorFields {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubSecrets(describe(error), secrets) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: scrubSecrets(error.message, secrets),
    ...(error.stack ? { stack: scrubSecrets(error.stack, secrets) } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
