import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths whose values are replaced in every log line, wherever a library puts them. */
export const REDACTED_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'headers.authorization',
  'headers["x-slack-signature"]',
  '*.token',
  '*.botToken',
  '*.signingSecret',
  '*.authorization',
  'req.headers.authorization',
];

/** The one logger; made in the composition root and passed to whatever needs it. */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: undefined,
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  });
}
