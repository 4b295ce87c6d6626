import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { isMentorReposter, startRepostTicker } from '../../src/mentors/repostTicker.js';

const logger = pino({ level: 'silent' });

describe('the re-post ticker', () => {
  it('asks each platform to re-post what is due, never two ticks at once, and stops', async () => {
    const calls: Date[] = [];
    let release!: () => void;
    let firstCall!: () => void;
    const called = new Promise<void>((resolve) => (firstCall = resolve));
    const reposter = {
      repostDue: (now: Date) => {
        calls.push(now);
        firstCall();
        // The first tick hangs until released: later ticks must not start meanwhile.
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const failing = { repostDue: () => Promise.reject(new Error('Slack is down')) };
    const fixed = new Date('2026-11-28T10:00:00Z');
    const ticker = startRepostTicker({ reposters: [reposter, failing], logger, intervalMs: 5, now: () => fixed });
    await called;
    // Several intervals pass while the first tick is still running.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toEqual([fixed]);
    release();
    const stopped = ticker.stop();
    await stopped;
    const after = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.length).toBe(after);
  });

  it('recognises a platform handle that can re-post', () => {
    expect(isMentorReposter({ stop: async () => undefined })).toBe(false);
    expect(isMentorReposter({ stop: async () => undefined, repostDue: async () => undefined })).toBe(true);
  });
});
