import { createHash } from 'node:crypto';
import type { RateLimiter } from '../../src/service/types.js';

/** Votes remembered for de-duplication; past it the oldest are forgotten, so a flood cannot exhaust memory. */
export const MAX_REMEMBERED_VOTES = 100_000;

/** Whether a web vote may be stored, and if not, why. */
export type VoteAdmission =
  | { ok: true }
  | { ok: false; reason: 'RATE_LIMITED'; retryAfterSeconds: number }
  | { ok: false; reason: 'DUPLICATE' };

/**
 * Admits `POST /api/feedback` votes: at most RATE_LIMIT_PER_MINUTE per reader (like questions, in a bucket of its
 * own), and one vote each way per reader, passage and question, so one client cannot stack "Not helpful" on a
 * passage and top the insights list, while a reader who changes their mind is still heard. Votes are remembered by a fixed-size digest, the most recent {@link MAX_REMEMBERED_VOTES}.
 */
export function createVoteGuard(options: { limiter: RateLimiter; maxRemembered?: number }) {
  const max = options.maxRemembered ?? MAX_REMEMBERED_VOTES;
  const seen = new Set<string>();
  const keyOf = (reader: string, vote: { passageId: string; question: string; helpful: boolean }) =>
    createHash('sha256')
      .update(
        `${reader}\n${vote.helpful}\n${vote.passageId}\n${vote.question.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`,
      )
      .digest('base64');
  return {
    admit(reader: string, vote: { passageId: string; question: string; helpful: boolean }): VoteAdmission {
      const key = keyOf(reader, vote);
      if (seen.has(key)) return { ok: false, reason: 'DUPLICATE' };
      const allowed = options.limiter.take(reader);
      if (!allowed.ok) return { ok: false, reason: 'RATE_LIMITED', retryAfterSeconds: allowed.retryAfterSeconds };
      seen.add(key);
      if (seen.size > max) seen.delete(seen.values().next().value!);
      return { ok: true };
    },
    /** Forgets an admitted vote that could not be saved, so the reader's retry counts. */
    forget(reader: string, vote: { passageId: string; question: string; helpful: boolean }): void {
      seen.delete(keyOf(reader, vote));
    },
  };
}
