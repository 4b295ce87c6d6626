import { passageLink } from '../../src/answer/citation.js';
import type { CorpusDocument } from '../../src/corpus/types.js';
import { renderDocumentBody } from './documentBody.js';
import { html, page, type SafeHtml } from './html.js';

/** Links within the site are relative (`/docs/<doc>#<section>`): the same path as every citation's `link`. */
const SAME_ORIGIN = '';

function byline(doc: CorpusDocument): SafeHtml {
  const { author, publisher, date } = doc.meta;
  const who = [author, publisher].filter(Boolean).join(', ');
  return html`${who ? html`<span>${who}</span>` : ''}${date ? html`<time datetime="${date}">${date}</time>` : ''}`;
}

/** `GET /docs`: the corpus's table of contents, every document and its sections, each a link a mentor can share. */
export function renderDocsIndex(documents: readonly CorpusDocument[]): string {
  const sorted = [...documents].sort((a, b) => a.meta.title.localeCompare(b.meta.title));
  const items = sorted.map((doc) => {
    // The opening heading that repeats the title is the document link itself.
    const sections = doc.sections.filter((s) => s.depth > 0 && !(s.depth === 1 && s.path[0] === doc.meta.title));
    const top = Math.min(...sections.map((s) => s.depth));
    const by = byline(doc);
    return html`<li class="toc-doc">
<h2><a href="${passageLink(SAME_ORIGIN, doc.id, '')}">${doc.meta.title}</a></h2>
${by.value ? html`<p class="byline">${by}</p>` : ''}
${
  sections.length > 0
    ? html`<ul class="toc-sections">${sections.map(
        (s) =>
          html`<li class="level-${Math.min(s.depth - top, 3)}"><a href="${passageLink(SAME_ORIGIN, doc.id, s.slug)}">${s.path.at(-1) ?? ''}</a></li>`,
      )}</ul>`
    : ''
}
</li>`;
  });
  const body = html`<h1>Documents</h1>
<p class="lead">Every answer quotes one of these ${documents.length} documents word for word. Each section has its own link.</p>
${documents.length === 0 ? html`<p>No documents are loaded yet.</p>` : html`<ul class="toc">${items}</ul>`}`;
  return page({ title: 'Documents · Backend answers', current: 'docs', body });
}

/** `GET /docs/<doc>`: one document with its metadata and an anchor per section, the page every citation links to. */
export function renderDocumentPage(doc: CorpusDocument): string {
  const { meta } = doc;
  const details = html`<dl class="doc-meta">
${meta.author ? html`<dt>Author</dt><dd>${meta.author}</dd>` : ''}
${meta.publisher ? html`<dt>Publisher</dt><dd>${meta.publisher}</dd>` : ''}
${meta.date ? html`<dt>Date</dt><dd><time datetime="${meta.date}">${meta.date}</time></dd>` : ''}
<dt>Source file</dt><dd><code>${meta.source}</code></dd>
${
  meta.url && /^https?:\/\//i.test(meta.url)
    ? html`<dt>Original</dt><dd><a href="${meta.url}" rel="noopener noreferrer">${meta.url}</a></dd>`
    : ''
}
</dl>`;
  const body = html`<article class="document">
<p class="breadcrumb"><a href="/docs">Documents</a></p>
<div class="doc-body">
${renderDocumentBody(doc, details)}
</div>
</article>`;
  return page({ title: `${meta.title} · Backend answers`, current: 'docs', body });
}

/** A friendly page for a document id that is not (or no longer) in the corpus. */
export function renderDocumentNotFound(docId: string): string {
  const body = html`<h1>Document not found</h1>
<p>There is no document <code>${docId}</code> in the corpus (it may have been renamed or removed).</p>
<p><a href="/docs">See all documents</a></p>`;
  return page({ title: 'Not found · Backend answers', current: 'docs', body });
}
