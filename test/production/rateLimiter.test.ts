import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/service/rateLimiter.js';

/** A clock the test moves by hand. */
function fakeClock() {
  let ms = 1_000_000;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

describe('per-user rate limit', () => {
  it('always admits a first question, whatever the clock reads, even at one question a minute', () => {
    const refused = [];
    for (let i = 0; i < 2_000; i++) {
      const t = 1_000 + i * 4_999.123_456_7;
      const limiter = createRateLimiter({ perMinute: 1 + (i % 7), now: () => t });
      if (!limiter.take('u').ok) refused.push(t);
    }
    expect(refused).toEqual([]);
  });

  it('lets a user ask the configured number of questions in a burst, then asks them to wait', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perMinute: 20, now: clock.now });
    const results = Array.from({ length: 21 }, () => limiter.take('slack:T1:U1'));
    expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
    expect(results[20]).toEqual({ ok: false, retryAfterSeconds: 3 });
  });

  it('lets the first question through on a fractional clock (performance.now), even at one a minute', () => {
    // (45527.70032353262 + 60000) - 45527.70032353262 is 60000.00000000001: without a tolerance this was refused.
    const limiter = createRateLimiter({ perMinute: 1, now: () => 45527.70032353262 });
    expect(limiter.take('u')).toEqual({ ok: true });
    expect(limiter.take('u').ok).toBe(false);
  });

  it('gives one question back every 60/limit seconds, never more than the limit', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perMinute: 20, now: clock.now });
    for (let i = 0; i < 20; i++) limiter.take('u');
    clock.advance(2_999);
    expect(limiter.take('u').ok).toBe(false);
    clock.advance(1);
    expect(limiter.take('u').ok).toBe(true);
    expect(limiter.take('u').ok).toBe(false);

    clock.advance(60 * 60_000);
    const afterAnHour = Array.from({ length: 21 }, () => limiter.take('u').ok);
    expect(afterAnHour.filter(Boolean)).toHaveLength(20);
  });

  it('limits each user separately', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perMinute: 2, now: clock.now });
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
  });

  it('says how long to wait, rounded up to whole seconds', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perMinute: 1, now: clock.now });
    limiter.take('u');
    clock.advance(15_500);
    expect(limiter.take('u')).toEqual({ ok: false, retryAfterSeconds: 45 });
  });

  it('forgets users whose allowance has refilled, so memory stays bounded', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perMinute: 10, now: clock.now });
    for (let i = 0; i < 1000; i++) limiter.take(`user-${i}`);
    expect(limiter.trackedKeys).toBe(1000);
    clock.advance(60_000);
    limiter.take('late');
    expect(limiter.trackedKeys).toBe(1);
  });

  it('caps the users remembered at once, dropping the longest idle', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perMinute: 1, now: clock.now, maxTrackedKeys: 100 });
    limiter.take('first');
    for (let i = 0; i < 500; i++) limiter.take(`flood-${i}`);
    expect(limiter.trackedKeys).toBe(100);
    // The idle user was forgotten: they get a fresh allowance rather than a refusal.
    expect(limiter.take('first').ok).toBe(true);
    expect(limiter.take('flood-499').ok).toBe(false);
  });
});
