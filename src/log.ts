import { destination, pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';

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
  '*.headers.authorization',
  'config.headers.Authorization',
];

/**
 * The one logger; made in the composition root and passed to whatever needs it. JSON lines carry the level as a
 * word and the time as ISO 8601, which log collectors (Loki, CloudWatch, Cloud Logging) read without a parser;
 * `pretty` is for a person at a terminal. `destination` lets a test read the lines.
 */
export function createLogger(options: { level: string; pretty: boolean; destination?: DestinationStream }): Logger {
  const settings = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: null,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (options.pretty && !options.destination) {
    return pino({
      ...settings,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
      },
    });
  }
  // Asynchronous stdout: lines written while a write is under way go out together in the next one, instead of one
  // blocking write per line on the request path; pino flushes what is left when the process exits.
  return pino(settings, options.destination ?? destination({ dest: 1, sync: false }));
}
