import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type RunningWebApp } from './webServer.js';

let web: RunningWebApp;
beforeAll(async () => {
  web = await startWebApp();
});
afterAll(async () => {
  await web.close();
});

async function getPage(path: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(`${web.url}${path}`);
  return { status: response.status, html: await response.text(), headers: response.headers };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

describe('GET /docs', () => {
  it("lists every document and links every section to an anchor that exists on the document's page", async () => {
    const index = await getPage('/docs');
    expect(index.status).toBe(200);
    const documents = web.service.documents();
    expect(documents.length).toBeGreaterThan(0);
    for (const doc of documents) {
      expect(index.html).toContain(`href="/docs/${encodeURIComponent(doc.id)}"`);
      const page = await getPage(`/docs/${encodeURIComponent(doc.id)}`);
      expect(page.status).toBe(200);
      for (const section of doc.sections.filter((s) => s.depth > 0)) {
        expect(page.html, `${doc.id}#${section.slug}`).toContain(`id="${escapeAttr(section.slug)}"`);
      }
    }
  });
});

describe('GET /docs/:doc', () => {
  it('shows the title, author, publisher, date, source file and original URL', async () => {
    const doc = web.service.documents().find((d) => d.meta.author && d.meta.date && d.meta.url)!;
    const { html } = await getPage(`/docs/${doc.id}`);
    for (const value of [doc.meta.title, doc.meta.author!, doc.meta.publisher ?? '', doc.meta.date!, doc.meta.source]) {
      expect(html).toContain(escapeAttr(value));
    }
    expect(html).toContain(`href="${escapeAttr(doc.meta.url!)}"`);
  });

  it('answers an unknown document with a friendly 404 page', async () => {
    const { status, html } = await getPage('/docs/no-such-document');
    expect(status).toBe(404);
    expect(html).toContain('Document not found');
    expect(html).toContain('href="/docs"');
  });
});

describe('GET /', () => {
  it('serves the playground with a labelled input, example questions, and no inline script', async () => {
    const { status, html } = await getPage('/');
    expect(status).toBe(200);
    expect(html).toMatch(/<label for="q">[^<]+<\/label>\s*<input id="q"/);
    for (const example of web.service.help().examples) expect(html).toContain(`data-question="${escapeAttr(example)}"`);
    expect(html).toContain('<script type="module" src="/static/playground.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('puts a question from the address bar back in the input, escaped', async () => {
    const { html } = await getPage(`/?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('serves the page script and styles as files', async () => {
    for (const [path, type] of [
      ['/static/playground.js', 'text/javascript'],
      ['/static/slack-preview.js', 'text/javascript'],
      ['/static/discord-preview.js', 'text/javascript'],
      ['/static/site.css', 'text/css'],
    ] as const) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
    }
  });
});

describe('security headers', () => {
  it('forbid inline script, sniffing and framing on every page', async () => {
    for (const path of ['/', '/docs', '/api/ask?q=devops', '/healthz']) {
      const { headers } = await getPage(path);
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('GET /healthz', () => {
  it('is 200 when the bot can answer and 503 while it cannot', async () => {
    let ready = false;
    const starting = await startWebApp({ ready: () => ready });
    try {
      const before = await fetch(`${starting.url}/healthz`);
      expect(before.status).toBe(503);
      expect(await before.json()).toEqual({ status: 'starting' });
      ready = true;
      const after = await fetch(`${starting.url}/healthz`);
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual({ status: 'ok' });
    } finally {
      await starting.close();
    }
  });
});

describe('an unexpected error', () => {
  it('is a JSON 500 without a stack trace, and the log has the cause', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    const broken = await startWebApp({
      logger,
      wrapService: (service) => ({
        ...service,
        documents: () => {
          throw new Error('index vanished');
        },
      }),
    });
    try {
      const response = await fetch(`${broken.url}/docs`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
      expect(text).not.toContain('index vanished');
      expect(text).not.toMatch(/\bat .*\.ts/);
      expect(lines.join('')).toContain('index vanished');
    } finally {
      await broken.close();
    }
  });
});

describe('unknown addresses', () => {
  it('answers an unknown page with the site 404 page, not express text', async () => {
    const { status, html, headers } = await getPage('/no/such/page?x=<b>');
    expect(status).toBe(404);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('Page not found');
    expect(html).toContain('<code>/no/such/page</code>');
    expect(html).toContain('href="/docs"');
    expect(html).not.toMatch(/Cannot GET/);
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it.each([
    ['POST', '/api/ask', 405, 'METHOD_NOT_ALLOWED', 'GET, HEAD'],
    ['DELETE', '/api/preview', 405, 'METHOD_NOT_ALLOWED', 'GET, HEAD'],
    ['GET', '/api/feedback', 405, 'METHOD_NOT_ALLOWED', 'POST'],
    ['GET', '/api/nothing-here', 404, 'NOT_FOUND', null],
    ['POST', '/api', 404, 'NOT_FOUND', null],
  ])('answers %s %s with the API JSON error', async (method, path, status, code, allow) => {
    const response = await fetch(`${web.url}${path}`, { method });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('allow')).toBe(allow);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
  });
});
