import type { RateLimiter } from './types.js';

/** Most askers remembered at once; past it the longest-idle are forgotten, so a flood of new ids cannot exhaust memory. */
export const DEFAULT_MAX_TRACKED_KEYS = 50_000;

/** Far below a clock tick, far above the rounding of a sum of milliseconds. */
const FLOAT_SLACK_MS = 1e-6;

/** The limit, and the clock and memory bound that tests and operators may set. */
export interface RateLimiterOptions {
  /** Questions a user may ask per minute; also the burst a quiet user may spend at once. */
  perMinute: number;
  /** Milliseconds since any fixed origin; tests pass a fake clock. */
  now?: () => number;
  maxTrackedKeys?: number;
}

/**
 * A token bucket per asker (RATE_LIMIT_PER_MINUTE): a burst up to the limit, then one question every
 * 60/limit seconds. Kept as one number per asker, the time at which their bucket is full again (the GCRA form
 * of a token bucket), which is exact in whole milliseconds; an asker whose bucket is full is forgotten.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter & { readonly trackedKeys: number } {
  const interval = 60_000 / options.perMinute;
  const burst = options.perMinute * interval;
  const now = options.now ?? (() => performance.now());
  const maxKeys = options.maxTrackedKeys ?? DEFAULT_MAX_TRACKED_KEYS;
  // Insertion order = order of last question, because take() re-inserts: the longest-idle asker comes first.
  const fullAt = new Map<string, number>();

  function forgetIdle(t: number): void {
    for (const [key, at] of fullAt) {
      if (at > t && fullAt.size <= maxKeys) break;
      fullAt.delete(key);
    }
  }

  return {
    get trackedKeys() {
      return fullAt.size;
    },
    take(key: string) {
      const t = now();
      const full = Math.max(fullAt.get(key) ?? t, t);
      fullAt.delete(key);
      const next = full + interval;
      // Sub-millisecond clocks and fractional intervals (60000/7) make float sums a hair off: allow for it, or a
      // first question at RATE_LIMIT_PER_MINUTE=1 is sometimes refused.
      if (next - t > burst + FLOAT_SLACK_MS) {
        fullAt.set(key, full);
        forgetIdle(t);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((next - t - burst) / 1000)) };
      }
      fullAt.set(key, next);
      forgetIdle(t);
      return { ok: true };
    },
  };
}
