import { describe, expect, it } from 'vitest';
import { renderDocumentPage } from '../../adapters/web/docsPages.js';
import { parseDocument } from '../../src/corpus/parseDocument.js';
import type { CorpusDocument } from '../../src/corpus/types.js';

function parse(file: string, text: string): CorpusDocument {
  const parsed = parseDocument({ file, id: 'doc', text });
  if (!('document' in parsed)) throw new Error(parsed.message);
  return parsed.document;
}

const HOSTILE = `---
title: "Safe <script>alert('title')</script>"
author: "<img src=x onerror=alert(1)>"
url: "javascript:alert(2)"
---

# Setup

<script>alert(3)</script>

<img src="x" onerror="alert(4)">

A [click me](javascript:alert(5)) link, a [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==),
and a [fine link](https://example.com/docs).

<a href="javascript:alert(7)">raw anchor</a>

## Setup

Same heading again.
`;

describe('renderDocumentPage', () => {
  const html = renderDocumentPage(parse('hostile.md', HOSTILE));

  it('lets nothing in a corpus file run script: raw HTML is text, javascript: and data: links are refused', () => {
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).not.toMatch(/<a[^>]*href="(javascript|data):/i);
    expect(html).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(html).toContain('&lt;a href=&quot;javascript:alert(7)&quot;&gt;raw anchor&lt;/a&gt;');
    expect(html).toContain('<a href="https://example.com/docs">fine link</a>');
  });

  it('escapes front matter, and shows an original URL only when it is http(s)', () => {
    expect(html).toContain('Safe &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('Original');
  });

  it("gives each heading's section exactly the core's slug, repeated headings included", () => {
    const doc = parse('hostile.md', HOSTILE);
    expect(doc.sections.map((s) => s.slug)).toEqual(['setup', 'setup-1']);
    expect(html).toContain('<section class="doc-section" id="setup">');
    expect(html).toContain('<section class="doc-section" id="setup-1">');
    expect(html).toContain('<a class="anchor" href="#setup-1" aria-label="Link to this section">#</a>');
  });

  it('adds the title above a body that does not open with it, and uses the body heading when it does', () => {
    expect(html.match(/<h1>/g)).toHaveLength(2);
    const titled = renderDocumentPage(parse('titled.md', '# Backend roles\n\nText.\n\n## DevOps\n\nMore.\n'));
    expect(titled.match(/<h1>/g)).toHaveLength(1);
    expect(titled).toMatch(
      /<section class="doc-section" id="backend-roles">\s*<h1>Backend roles<a[^>]*>#<\/a><\/h1>\s*<dl class="doc-meta">/,
    );
  });

  it('shows a plain-text document as escaped paragraphs', () => {
    const text = renderDocumentPage(parse('notes.txt', 'First <b>para</b>.\n\nSecond para.'));
    expect(text).toContain('<p>First &lt;b&gt;para&lt;/b&gt;.</p>');
    expect(text).toContain('<p>Second para.</p>');
  });
});
