import type { Logger } from '../log.js';

/** Shortest time between two log lines about refused questions. */
export const REFUSAL_LOG_INTERVAL_MS = 10_000;

/** What a refusal was: the asker over their rate limit, or the bot over its work limit. */
export type Refusal = 'rate_limited' | 'busy';

/**
 * Logs refused questions as a counted, sampled line: the first refusal at once, then at most one line per
 * interval with how many were refused since the last line. A client hammering the bot while refused would
 * otherwise write a line per request (70,000 lines in 20 s were seen); the metrics still count every one.
 */
export function createRefusalLog(logger: Logger, options: { intervalMs?: number; now?: () => number } = {}) {
  const interval = options.intervalMs ?? REFUSAL_LOG_INTERVAL_MS;
  const now = options.now ?? (() => performance.now());
  let counts: Record<Refusal, number> = { rate_limited: 0, busy: 0 };
  let lastLine = -Infinity;
  return {
    refused(kind: Refusal): void {
      counts[kind]++;
      const t = now();
      if (t - lastLine < interval) return;
      const sinceMs = Number.isFinite(lastLine) ? Math.round(t - lastLine) : 0;
      logger.warn({ refused: counts, sinceMs }, 'questions refused');
      counts = { rate_limited: 0, busy: 0 };
      lastLine = t;
    },
  };
}
