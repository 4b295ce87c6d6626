import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPairs, scoreFollowUps, summarize } from '../../scripts/eval-followups.js';
import { corpusIndex } from '../support/testCore.js';

describe('follow-ups in threads (eval/followups.jsonl)', () => {
  it('finds the right passage for more thin follow-ups with the thread’s first question than without, and no fewer standalone ones', async () => {
    const results = scoreFollowUps(
      await corpusIndex(),
      readPairs(join(import.meta.dirname, '..', '..', 'eval', 'followups.jsonl')),
    );
    const s = summarize(results);
    expect(s.thin.pairs).toBeGreaterThanOrEqual(10);
    expect(s.thin.hit1WithContext).toBeGreaterThan(s.thin.hit1Alone);
    // Measured at 53.8% with context against 30.8% alone; a floor a little under, so a regression shows.
    expect(s.thin.hit1WithContext).toBeGreaterThanOrEqual(0.5);
    for (const r of results.filter((x) => x.pair.standalone && x.alone)) expect(r.withContext, r.pair.id).toBe(true);
  });
});
