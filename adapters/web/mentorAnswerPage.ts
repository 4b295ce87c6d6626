import type { MentorAnswer } from '../../src/mentors/types.js';
import { mentorAnswerTitle } from '../../src/mentors/mentorDocuments.js';
import { html, page } from './html.js';

/**
 * `GET /docs/mentor-answers/<id>`: the page a mentor answer's citation links to. Everything on it was typed by
 * people (the question, the answer, the mentor's name), so all of it is escaped text: no Markdown, no links.
 */
export function renderMentorAnswerPage(answer: MentorAnswer): string {
  const paragraphs = answer.text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  const body = html`<article class="document mentor-answer">
<p class="breadcrumb"><a href="/docs">Documents</a> › Mentor answers</p>
<h1>${answer.question}</h1>
<p class="byline">${mentorAnswerTitle(answer)}${
    answer.editedAt ? html` · edited <time datetime="${answer.editedAt}">${answer.editedAt.slice(0, 10)}</time>` : ''
  }</p>
<div class="doc-body">${paragraphs.map((p) => html`<p>${p}</p>`)}</div>
<p class="lead">A mentor wrote this answer for a new hire's question the documents did not answer.</p>
</article>`;
  return page({ title: `${answer.question} · Mentor answer · Backend answers`, current: 'docs', body });
}

/** A mentor answer that was retired (410) or never existed (404). */
export function renderMentorAnswerGone(state: 'retired' | 'missing'): string {
  const body =
    state === 'retired'
      ? html`<h1>Answer retired</h1>
<p>The mentor who wrote this answer has retired it: it is no longer shown.</p>
<p><a href="/docs">See all documents</a></p>`
      : html`<h1>Answer not found</h1>
<p>There is no such mentor answer.</p>
<p><a href="/docs">See all documents</a></p>`;
  return page({ title: 'Not found · Backend answers', current: 'docs', body });
}
