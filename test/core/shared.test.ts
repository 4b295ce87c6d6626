import { describe, expect, it } from 'vitest';
import { formatCitationDate } from '../../src/shared/dates.js';
import { settleWithin } from '../../src/shared/deadline.js';
import { decodeEntities, escapeEntities } from '../../src/shared/entities.js';
import { createScrubber } from '../../src/shared/scrub.js';

describe('helpers every adapter shares', () => {
  it('formats an ISO citation date the same in every time zone, and leaves anything else as written', () => {
    expect(formatCitationDate('2024-06-14')).toBe('14 Jun 2024');
    expect(formatCitationDate('2024-09-03')).toBe('3 Sep 2024');
    expect(formatCitationDate('2024-02-30')).toBe('2024-02-30');
    expect(formatCitationDate('Spring 2024')).toBe('Spring 2024');
  });

  it('escapes entities for mrkdwn (three) or HTML (five), and decodes what Slack sends', () => {
    expect(escapeEntities(`<!channel> & "x" 'y'`)).toBe(`&lt;!channel&gt; &amp; "x" 'y'`);
    expect(escapeEntities(`<a href="x">'`, { quotes: true })).toBe('&lt;a href=&quot;x&quot;&gt;&#39;');
    expect(decodeEntities('&lt;b&gt; &amp;lt; &amp;')).toBe('<b> &lt; &');
  });

  it('scrubs configured secrets and platform patterns, but not short values that would match ordinary text', () => {
    const scrub = createScrubber(['xoxb-123-secret-token', 'short'], [[/\bxapp-\S+/g, '[redacted]']]);
    expect(scrub('token xoxb-123-secret-token and xapp-1-abc, short stays')).toBe(
      'token [redacted] and [redacted] short stays',
    );
  });

  it('gives the value when ready in time, undefined when not (the work goes on)', async () => {
    expect(await settleWithin(Promise.resolve('now'), 1000)).toBe('now');
    let finish: (value: string) => void = () => undefined;
    const slow = new Promise<string>((resolve) => {
      finish = resolve;
    });
    expect(await settleWithin(slow, 5)).toBeUndefined();
    finish('later');
    expect(await slow).toBe('later');
  });
});
