import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsightsReport } from '../../src/feedback/types.js';
import { startWebApp, type RunningWebApp } from './webServer.js';

const TOKEN = 'insights-token-for-tests-0123456789';

let web: RunningWebApp;
beforeAll(async () => {
  web = await startWebApp({ insightsToken: TOKEN });
  await fetch(`${web.url}/api/ask?q=${encodeURIComponent('how do I knit a <b>scarf</b>')}`);
  await fetch(`${web.url}/api/ask?q=${encodeURIComponent('How do I knit a <b>scarf</b>?')}`);
  web.feedback.recordVote({
    platform: 'slack',
    question: 'devops',
    passageId: 'what-does-a-back-end-developer-do#20',
    helpful: false,
  });
});
afterAll(async () => {
  await web.close();
});

describe('GET /insights', () => {
  it('is 404 when INSIGHTS_TOKEN is not set', async () => {
    const open = await startWebApp();
    try {
      const response = await fetch(`${open.url}/insights?token=${TOKEN}`);
      expect(response.status).toBe(404);
    } finally {
      await open.close();
    }
  });

  it.each([
    ['no token', {}, ''],
    ['a wrong bearer token', { authorization: 'Bearer not-the-token-at-all-000000' }, ''],
    ['a wrong ?token=', {}, '?token=not-the-token'],
    ['the token with a different scheme', { authorization: `Basic ${TOKEN}` }, ''],
  ])('is 401 with %s, and shows nothing', async (_case, headers, query) => {
    const response = await fetch(`${web.url}/insights${query}`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const text = await response.text();
    expect(text).not.toContain('scarf');
    expect(text).not.toContain(TOKEN);
  });

  it('shows the three tables to a request bearing the token, with what people typed escaped', async () => {
    const response = await fetch(`${web.url}/insights`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('Most frequent declined questions');
    expect(html).toMatch(/How do I knit a &lt;b&gt;scarf&lt;\/b&gt;\?<\/td><td class="num">2</);
    expect(html).not.toContain('<b>scarf');
    expect(html).toContain('what-does-a-back-end-developer-do#20');
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">/);
  });

  it('accepts ?token= for a browser, and gives JSON to a program that asks for it', async () => {
    const response = await fetch(`${web.url}/insights?token=${TOKEN}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as InsightsReport;
    expect(report.topDeclined[0]).toMatchObject({ count: 2 });
    expect(report.mostNotHelpful).toContainEqual({
      passageId: 'what-does-a-back-end-developer-do#20',
      notHelpful: 1,
      helpful: 0,
    });
    expect(report.perDay[0]).toMatchObject({ declined: 2, notHelpful: 1 });
  });
});
