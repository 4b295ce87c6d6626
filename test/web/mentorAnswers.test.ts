import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerJson } from '../../src/answer/toAnswerJson.js';
import type { MentorAnswer } from '../../src/mentors/types.js';
import type { InsightsReport } from '../../src/store/types.js';
import { startWebApp, type RunningWebApp } from './webServer.js';

const TOKEN = 'insights-token-for-tests-0123456789';
const ana = { id: 'U9', name: 'Ana <b>Lima</b>' };
const HOSTILE =
  'Ask <script>alert(1)</script> in #it-help for the staging VPN profile.\n\nThen import it in WireGuard.';

let web: RunningWebApp;
let answer: MentorAnswer;
beforeAll(async () => {
  web = await startWebApp({ insightsToken: TOKEN });
  const saved = await web.service.saveMentorAnswer({
    question: 'how do I get access to the <i>staging</i> VPN',
    text: HOSTILE,
    mentor: ana,
  });
  if (!saved.ok) throw new Error(saved.notice.text);
  answer = saved.answer;
});
afterAll(async () => {
  await web.close();
});

const page = (path: string, init?: RequestInit) => fetch(`${web.url}${path}`, { redirect: 'manual', ...init });
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('a mentor answer page', () => {
  it('is where the citation links, and shows the answer, the mentor and the date, all escaped', async () => {
    const asked = await page(
      `/api/ask?q=${encodeURIComponent('where do I get the WireGuard config for the staging VPN')}`,
    );
    const json = (await asked.json()) as AnswerJson;
    const citation = json.answers[0]!;
    expect(citation.title).toBe(`Answer by ${ana.name}, ${answer.date.slice(0, 10)}`);
    expect(citation.link).toBe(`${web.publicUrl}/docs/mentor-answers/${answer.id}`);
    const response = await page(new URL(citation.link).pathname);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Ask &lt;script&gt;alert(1)&lt;/script&gt; in #it-help');
    expect(html).toContain('<p>Then import it in WireGuard.</p>');
    expect(html).toContain('how do I get access to the &lt;i&gt;staging&lt;/i&gt; VPN');
    expect(html).toContain('Answer by Ana &lt;b&gt;Lima&lt;/b&gt;');
    expect(html).not.toMatch(/<script>alert|<b>Lima|<i>staging/);
  });

  it('is 404 for an unknown answer', async () => {
    const response = await page('/docs/mentor-answers/0000000000000000');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Answer not found');
  });
});

describe('mentor answers on /insights', () => {
  it('lists hand-offs, gaps and reasons, and each answer with a form to edit or retire it', async () => {
    await web.service.askMentor({
      question: 'who approves my first <b>deploy</b>',
      origin: { platform: 'slack', userId: 'U1', userName: 'Nia', reply: '{}' },
    });
    await web.store.votes.record({
      platform: 'slack',
      question: 'devops',
      passageId: 'what-does-a-back-end-developer-do#20',
      helpful: false,
      userId: 'U3',
      reason: 'other',
      reasonText: 'It talks about <marquee>frontend</marquee>',
    });
    const html = await (await page(`/insights?token=${TOKEN}`)).text();
    expect(html).toContain('Questions waiting for a mentor');
    expect(html).toContain('who approves my first &lt;b&gt;deploy&lt;/b&gt;');
    expect(html).toContain('Gaps in the docs, by topic');
    expect(html).toContain('Other 1');
    expect(html).toContain('It talks about &lt;marquee&gt;frontend&lt;/marquee&gt;');
    expect(html).toContain(`action="/insights/mentor-answers/${answer.id}"`);
    expect(html).not.toMatch(/<marquee>|<b>deploy/);
  });

  it('refuses an edit without the token, and changes nothing', async () => {
    const response = await page(`/insights/mentor-answers/${answer.id}`, form({ action: 'edit', text: 'Hacked.' }));
    expect(response.status).toBe(401);
    expect((await web.service.mentorAnswer(answer.id))?.text).toBe(HOSTILE);
  });

  it('edits with the token, then retires: the page is gone (410) and the answer is no longer cited', async () => {
    const edited = await page(
      `/insights/mentor-answers/${answer.id}`,
      form({ token: TOKEN, action: 'edit', text: 'Ask in #it-support for the staging VPN profile.' }),
    );
    expect(edited.status).toBe(303);
    expect(edited.headers.get('location')).toContain('#mentor-answers');
    expect((await web.service.mentorAnswer(answer.id))?.text).toBe('Ask in #it-support for the staging VPN profile.');

    const retired = await page(`/insights/mentor-answers/${answer.id}`, form({ token: TOKEN, action: 'retire' }));
    expect(retired.status).toBe(303);
    const gone = await page(`/docs/mentor-answers/${answer.id}`);
    expect(gone.status).toBe(410);
    const asked = await page(
      `/api/ask?q=${encodeURIComponent('where do I get the WireGuard config for the staging VPN')}`,
    );
    expect(JSON.stringify(await asked.json())).not.toContain('mentor-answers');

    const again = await page(`/insights/mentor-answers/${answer.id}`, form({ token: TOKEN, action: 'retire' }));
    expect(again.status).toBe(409);
    const report = (await (
      await page('/insights', { headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } })
    ).json()) as InsightsReport;
    expect(report.mentorAnswers.find((a) => a.id === answer.id)?.state).toBe('retired');
  });
});
