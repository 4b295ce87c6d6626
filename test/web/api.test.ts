import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../adapters/web/preview.js';
import { MAX_QUESTION_CHARS } from '../../adapters/web/requests.js';
import { PRIVATE_ANSWER_BUTTONS, toSlackMessage } from '../../adapters/slack/blocks.js';
import { toDiscordMessage } from '../../adapters/discord/embeds.js';
import type { AnswerJson } from '../../src/answer/toAnswerJson.js';
import { startWebApp, type RunningWebApp } from './webServer.js';

const DEVOPS = 'what does a DevOps developer do';
const ROOT = join(import.meta.dirname, '..', '..');

let web: RunningWebApp;
beforeAll(async () => {
  web = await startWebApp();
});
afterAll(async () => {
  await web.close();
});

const askUrl = (q: string) => `${web.url}/api/ask?q=${encodeURIComponent(q)}`;

async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as T };
}

type ErrorBody = { error: { code: string; message: string } };

describe('GET /api/ask', () => {
  it('answers the DevOps question with the DevOps role passage, cited with a link to its section', async () => {
    const { status, body } = await getJson<AnswerJson>(askUrl(DEVOPS));
    expect(status).toBe(200);
    expect(body.declined).toBe(false);
    const best = body.answers[0]!;
    expect(best.snippet).toContain('concentrate on automating and streamlining the procedures');
    expect(best.link).toBe(`${web.publicUrl}/docs/${best.doc}#${new URL(best.link).hash.slice(1)}`);

    const page = await fetch(best.link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`id="${decodeURIComponent(new URL(best.link).hash.slice(1))}"`);
  });

  it('returns exactly the JSON line `npm run ask -- --json` prints', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'adapters', 'cli', 'ask.ts'), '--json', DEVOPS],
      { cwd: ROOT, env: { ...process.env, PUBLIC_URL: web.url, CORPUS_DIR: join(ROOT, 'corpus') } },
    );
    const { body } = await getJson<AnswerJson>(askUrl(DEVOPS));
    expect(body).toEqual(JSON.parse(stdout.trim()));
  }, 15_000);

  it('declines an out-of-scope question, with topics to try, and records it for the maintainers', async () => {
    const question = 'what is the best sourdough bread recipe';
    const { status, body } = await getJson<AnswerJson>(askUrl(question));
    expect(status).toBe(200);
    expect(body.declined).toBe(true);
    expect(body.answers).toEqual([]);
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect((await web.store.insights.report()).topDeclined.map((d) => d.question)).toContain(question);
  });

  it.each([
    ['no q', '', 'MISSING_QUESTION'],
    ['a blank q', '?q=%20%20', 'MISSING_QUESTION'],
    ['q given twice', '?q=a&q=b', 'BAD_QUESTION'],
    ['a q one character over the limit', `?q=${'a'.repeat(MAX_QUESTION_CHARS + 1)}`, 'QUESTION_TOO_LONG'],
    ['a 100 KB q', `?q=${'a'.repeat(100 * 1024)}`, 'QUESTION_TOO_LONG'],
    ['a negative offset', '?q=devops&offset=-1', 'BAD_OFFSET'],
    ['a non-numeric offset', '?q=devops&offset=two', 'BAD_OFFSET'],
  ])('refuses %s with a 400 and a clear JSON error', async (_case, query, code) => {
    const { status, body } = await getJson<ErrorBody>(`${web.url}/api/ask${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
  });

  it('reads a word split by zero-width characters as the word ("dev\u200Bops")', async () => {
    const plain = await getJson<AnswerJson>(askUrl(DEVOPS));
    for (const hidden of ['\u200B', '\u200D', '\u2060', '\uFEFF', '\u00AD']) {
      const { status, body } = await getJson<AnswerJson>(askUrl(DEVOPS.replace('DevOps', `Dev${hidden}Ops`)));
      expect(status).toBe(200);
      expect(body.declined).toBe(false);
      expect(body.question).toBe(DEVOPS);
      expect(body.answers[0]!.passageId).toBe(plain.body.answers[0]!.passageId);
    }
  });

  it('accepts a question of exactly the maximum length', async () => {
    const { status, body } = await getJson<AnswerJson>(askUrl(`devops ${'x'.repeat(MAX_QUESTION_CHARS - 7)}`));
    expect(status).toBe(200);
    expect(typeof body.declined).toBe('boolean');
  });

  it('pages with offset, as "More results" does', async () => {
    const first = await getJson<AnswerJson>(askUrl('backend developer skills'));
    expect(first.body.hasMore).toBe(true);
    const next = await getJson<AnswerJson>(`${askUrl('backend developer skills')}&offset=${first.body.answers.length}`);
    expect(next.body.offset).toBe(first.body.answers.length);
    const firstIds = new Set(first.body.answers.map((a) => a.passageId));
    expect(next.body.answers.some((a) => firstIds.has(a.passageId))).toBe(false);
  });

  it('says "slow down" with a 429 when one reader asks too fast', async () => {
    const limited = await startWebApp({ rateLimitPerMinute: 2 });
    try {
      const url = `${limited.url}/api/ask?q=devops`;
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url)).status).toBe(200);
      const { status, body } = await getJson<ErrorBody>(url);
      expect(status).toBe(429);
      expect(body.error.code).toBe('RATE_LIMITED');
      expect(body.error.message).toMatch(/wait \d+ second/);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /api/preview', () => {
  it('gives the exact Slack and Discord payloads of a private answer, and what each button does', async () => {
    const { status, body } = await getJson<Preview>(`${web.url}/api/preview?q=${encodeURIComponent(DEVOPS)}`);
    expect(status).toBe(200);
    const outcome = await web.service.ask({ platform: 'web', userKey: 'test', question: DEVOPS });
    if (outcome.kind !== 'answer') throw new Error('expected an answer');
    expect(body.slack).toEqual(toSlackMessage(outcome.answer, { buttons: PRIVATE_ANSWER_BUTTONS }));
    expect(body.discord).toEqual(toDiscordMessage(outcome.answer, { ephemeral: true, showActions: true }));

    const best = outcome.answer.passages[0]!.passageId;
    const slackVotes = Object.values(body.actions.slack ?? {}).filter((a) => a.kind === 'vote');
    const discordVotes = Object.values(body.actions.discord ?? {}).filter((a) => a.kind === 'vote');
    expect(slackVotes).toEqual(
      expect.arrayContaining([
        { kind: 'vote', passageId: best, helpful: true },
        { kind: 'vote', passageId: best, helpful: false },
      ]),
    );
    expect(discordVotes).toEqual(
      expect.arrayContaining([
        { kind: 'vote', passageId: best, helpful: true },
        { kind: 'vote', passageId: best, helpful: false },
      ]),
    );
  });

  it('offers the suggested topics of a declined question as buttons that ask about them', async () => {
    const { body } = await getJson<Preview>(`${web.url}/api/preview?q=${encodeURIComponent('how do I knit a scarf')}`);
    expect(body.answer?.declined).toBe(true);
    const asks = Object.values(body.actions.slack ?? {}).filter((a) => a.kind === 'ask');
    expect(asks.map((a) => (a.kind === 'ask' ? a.question : ''))).toEqual(
      body.answer!.suggestions.slice(0, asks.length),
    );
    expect(asks.length).toBeGreaterThan(0);
  });
});

describe('POST /api/feedback', () => {
  const post = (body: string, contentType = 'application/json') =>
    fetch(`${web.url}/api/feedback`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('stores a vote durably and thanks the voter', async () => {
    const { body } = await getJson<AnswerJson>(askUrl(DEVOPS));
    const passageId = body.answers[0]!.passageId;
    const response = await post(JSON.stringify({ question: DEVOPS, passageId, helpful: false }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { message: string }).message).toMatch(/^Thanks, noted/);
    expect((await web.store.insights.report()).mostNotHelpful).toContainEqual(
      expect.objectContaining({ passageId, notHelpful: 1 }),
    );
  });

  it.each([
    ['a missing field', JSON.stringify({ question: 'q', helpful: true }), 'application/json', 400, 'BAD_FEEDBACK'],
    [
      'helpful as a string',
      JSON.stringify({ question: 'q', passageId: 'x#1', helpful: 'yes' }),
      'application/json',
      400,
      'BAD_FEEDBACK',
    ],
    [
      'an unknown field',
      JSON.stringify({ question: 'q', passageId: 'x#1', helpful: true, userId: 'U1' }),
      'application/json',
      400,
      'BAD_FEEDBACK',
    ],
    [
      'a passage not in the corpus',
      JSON.stringify({ question: 'q', passageId: 'no-such-doc#1', helpful: true }),
      'application/json',
      400,
      'UNKNOWN_PASSAGE',
    ],
    ['broken JSON', '{"question":', 'application/json', 400, 'BAD_JSON'],
    [
      'a form instead of JSON',
      'question=q&passageId=x%231&helpful=true',
      'application/x-www-form-urlencoded',
      400,
      'BAD_FEEDBACK',
    ],
    [
      'a 100 KB body',
      JSON.stringify({ question: 'q'.repeat(100 * 1024), passageId: 'x#1', helpful: true }),
      'application/json',
      413,
      'BODY_TOO_LARGE',
    ],
  ])('refuses %s with a JSON error', async (_case, body, contentType, status, code) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(status);
    expect(((await response.json()) as ErrorBody).error.code).toBe(code);
  });
});

describe('POST /api/feedback against flooding and made-up passages', () => {
  const vote = (url: string, body: object, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('refuses a made-up position in a real document', async () => {
    const { body } = await getJson<AnswerJson>(askUrl(DEVOPS));
    const doc = body.answers[0]!.doc;
    const response = await vote(web.url, { question: DEVOPS, passageId: `${doc}#999999999`, helpful: false });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe('UNKNOWN_PASSAGE');
    expect((await web.store.insights.report()).mostNotHelpful.map((p) => p.passageId)).not.toContain(
      `${doc}#999999999`,
    );
  });

  it('counts one vote per reader, passage and question, however often it is sent', async () => {
    const flood = await startWebApp({ rateLimitPerMinute: 10_000 });
    try {
      const outcome = await flood.service.ask({ platform: 'web', userKey: 'test', question: 'what is an API' });
      if (outcome.kind !== 'answer') throw new Error('expected an answer');
      const passageId = outcome.answer.passages[0]!.passageId;
      const statuses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          vote(flood.url, { question: i % 2 ? 'what is an API' : 'What is an  API', passageId, helpful: false }),
        ),
      ).then((responses) => responses.map((r) => r.status));
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect((await flood.store.insights.report()).mostNotHelpful).toEqual([{ passageId, notHelpful: 1, helpful: 0 }]);
      // Another question about the same passage is another vote.
      await vote(flood.url, { question: 'how do APIs work', passageId, helpful: false });
      expect((await flood.store.insights.report()).mostNotHelpful).toEqual([{ passageId, notHelpful: 2, helpful: 0 }]);
    } finally {
      await flood.close();
    }
  }, 30_000);

  it('rate-limits votes per reader like questions, with Retry-After', async () => {
    const limited = await startWebApp({ rateLimitPerMinute: 3 });
    try {
      const passages = await limited.service.ask({ platform: 'web', userKey: 't', question: DEVOPS });
      if (passages.kind !== 'answer') throw new Error('expected an answer');
      const passageId = passages.answer.passages[0]!.passageId;
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) {
        last = await vote(limited.url, { question: `question number ${i}`, passageId, helpful: false });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await last!.json()) as ErrorBody).error.code).toBe('RATE_LIMITED');
      expect((await limited.store.insights.report()).mostNotHelpful).toEqual([
        { passageId, notHelpful: 3, helpful: 0 },
      ]);
    } finally {
      await limited.close();
    }
  }, 30_000);
});

describe('the reader address behind proxies (TRUST_PROXY)', () => {
  const askAs = (url: string, forwardedFor: string) =>
    fetch(`${url}/api/ask?q=devops`, { headers: { 'X-Forwarded-For': forwardedFor } }).then((r) => r.status);

  it('by default ignores X-Forwarded-For, so a client cannot pick a new address to dodge the limit', async () => {
    const limited = await startWebApp({ rateLimitPerMinute: 2 });
    try {
      const statuses = [];
      for (let i = 1; i <= 5; i++) statuses.push(await askAs(limited.url, `203.0.113.${i}`));
      expect(statuses).toEqual([200, 200, 429, 429, 429]);
    } finally {
      await limited.close();
    }
  }, 30_000);

  it('with one trusted hop (an Ingress), limits each client by the address the proxy reports', async () => {
    const limited = await startWebApp({ rateLimitPerMinute: 2, trustProxy: 1 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await askAs(limited.url, '203.0.113.7'));
      // The client's own spoofed entry sits left of what the proxy appended: only the proxy's is believed.
      for (let i = 0; i < 3; i++) statuses.push(await askAs(limited.url, `198.51.100.${i}, 203.0.113.7`));
      statuses.push(await askAs(limited.url, '203.0.113.8'));
      expect(statuses).toEqual([200, 200, 429, 429, 429, 429, 200]);
    } finally {
      await limited.close();
    }
  }, 30_000);

  it('trusting proxies by address believes X-Forwarded-For only from them', async () => {
    const fromElsewhere = await startWebApp({ rateLimitPerMinute: 1, trustProxy: ['10.0.0.0/8'] });
    const fromLoopback = await startWebApp({ rateLimitPerMinute: 1, trustProxy: ['127.0.0.1'] });
    try {
      expect([await askAs(fromElsewhere.url, '203.0.113.1'), await askAs(fromElsewhere.url, '203.0.113.2')]).toEqual([
        200, 429,
      ]);
      expect([await askAs(fromLoopback.url, '203.0.113.1'), await askAs(fromLoopback.url, '203.0.113.2')]).toEqual([
        200, 200,
      ]);
    } finally {
      await Promise.all([fromElsewhere.close(), fromLoopback.close()]);
    }
  }, 30_000);
});
