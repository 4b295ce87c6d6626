import { passageLink } from '../../src/answer/citation.js';
import { mentorAnswerDocId } from '../../src/mentors/mentorDocuments.js';
import { MAX_MENTOR_ANSWER_CHARS } from '../../src/mentors/types.js';
import { VOTE_REASON_LABELS, type VoteReason } from '../../src/mentors/voteReasons.js';
import type { InsightsReport } from '../../src/store/types.js';
import { html, page, type SafeHtml } from './html.js';
import { docIdOfPassage } from './requests.js';

const when = (iso: string) => html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')}</time>`;

function reasonsCell(reasons: Partial<Record<VoteReason, number>> | undefined): string {
  return Object.entries(reasons ?? {})
    .map(([reason, n]) => `${VOTE_REASON_LABELS[reason as VoteReason]} ${n}`)
    .join(', ');
}

/** Hand-offs waiting for a mentor, and how long answered ones took. */
function handoffSections(report: InsightsReport): SafeHtml {
  return html`<h2 id="handoffs">Questions waiting for a mentor</h2>
${
  report.openHandoffs.length === 0
    ? html`<p>No open hand-offs.</p>`
    : html`<table>
<thead><tr><th scope="col">Question</th><th scope="col">Platform</th><th scope="col">State</th><th scope="col">Asked (UTC)</th></tr></thead>
<tbody>${report.openHandoffs.map(
        (h) =>
          html`<tr><td>${h.question}</td><td>${h.platform}</td><td>${h.state === 'taken' ? `taken by ${h.takenBy ?? 'a mentor'}` : 'open'}</td><td>${when(h.createdAt)}</td></tr>`,
      )}</tbody>
</table>`
}

<h2 id="answered-handoffs">Answered by mentors</h2>
${
  report.answeredHandoffs.length === 0
    ? html`<p>No hand-off answered yet.</p>`
    : html`<table>
<thead><tr><th scope="col">Question</th><th scope="col">Mentor</th><th scope="col" class="num">Minutes to answer</th><th scope="col">Answered (UTC)</th></tr></thead>
<tbody>${report.answeredHandoffs.map(
        (h) =>
          html`<tr><td>${h.question}</td><td>${h.mentorName}</td><td class="num">${h.minutesToAnswer}</td><td>${when(h.answeredAt)}</td></tr>`,
      )}</tbody>
</table>`
}`;
}

/** The docs' gaps by topic, most-asked first, and which a mentor has since answered. */
function gapSection(report: InsightsReport): SafeHtml {
  return html`<h2 id="gaps">Gaps in the docs, by topic</h2>
${
  report.gaps.length === 0
    ? html`<p>No declined or voted-down questions yet.</p>`
    : html`<table>
<thead><tr><th scope="col">Topic (most-asked wording)</th><th scope="col" class="num">Times asked</th><th scope="col">Other wordings</th><th scope="col">Mentor answer</th></tr></thead>
<tbody>${report.gaps.map(
        (g) =>
          html`<tr><td>${g.topic}</td><td class="num">${g.count}</td><td>${g.questions
            .slice(1)
            .map((q) => q.question)
            .join(' · ')}</td><td>${
            g.answeredBy
              ? html`<a href="${passageLink('', mentorAnswerDocId(g.answeredBy.mentorAnswerId), '')}">answered by ${g.answeredBy.mentorName}</a>`
              : 'not yet'
          }</td></tr>`,
      )}</tbody>
</table>`
}`;
}

/** Every mentor answer, with a form to edit or retire it (the token travels in the form, as it came in the URL). */
function mentorAnswerSection(report: InsightsReport, token: string): SafeHtml {
  return html`<h2 id="mentor-answers">Mentor answers</h2>
${
  report.mentorAnswers.length === 0
    ? html`<p>No mentor answers yet.</p>`
    : html`<ul class="mentor-answers">${report.mentorAnswers.map(
        (a) => html`<li>
<p><strong>${a.question}</strong> · ${a.mentor.name} · ${when(a.date)} · ${
          a.state === 'live'
            ? html`<a href="${passageLink('', mentorAnswerDocId(a.id), '')}">live</a>`
            : html`<em>retired</em>`
        }</p>
${
  a.state === 'live'
    ? html`<form method="post" action="/insights/mentor-answers/${a.id}">
<input type="hidden" name="token" value="${token}">
<label for="answer-${a.id}">Answer text</label>
<textarea id="answer-${a.id}" name="text" rows="4" cols="80" maxlength="${MAX_MENTOR_ANSWER_CHARS}" required>${a.text}</textarea>
<button type="submit" name="action" value="edit">Save edit</button>
<button type="submit" name="action" value="retire">Retire</button>
</form>`
    : html`<blockquote>${a.text}</blockquote>`
}
</li>`,
      )}</ul>`
}`;
}

/**
 * `GET /insights`: the corpus maintainers' and mentors' to-do list as small tables. Every cell is escaped: the
 * questions, reasons and answers are whatever people typed. `token` is the INSIGHTS_TOKEN the request presented,
 * carried by the edit and retire forms.
 */
export function renderInsightsPage(report: InsightsReport, token = ''): string {
  const reasons = new Map(report.notHelpfulReasons.map((r) => [r.passageId, r]));
  const body = html`<h1>Insights</h1>
<p class="lead">What to fix in the corpus: questions waiting for a mentor, gaps by topic, questions the bot could not answer, and passages readers found unhelpful (and why).</p>

${handoffSections(report)}

${gapSection(report)}

<h2 id="declined">Most frequent declined questions</h2>
${
  report.topDeclined.length === 0
    ? html`<p>No declined questions yet.</p>`
    : html`<table>
<thead><tr><th scope="col">Question (latest wording)</th><th scope="col" class="num">Times asked</th><th scope="col">Last asked (UTC)</th></tr></thead>
<tbody>${report.topDeclined.map(
        (d) =>
          html`<tr><td>${d.question}</td><td class="num">${d.count}</td><td><time datetime="${d.lastAsked}">${d.lastAsked.slice(0, 16).replace('T', ' ')}</time></td></tr>`,
      )}</tbody>
</table>`
}

<h2 id="not-helpful">Passages with the most "Not helpful"</h2>
${
  report.mostNotHelpful.length === 0
    ? html`<p>No "Not helpful" votes yet.</p>`
    : html`<table>
<thead><tr><th scope="col">Passage</th><th scope="col" class="num">Not helpful</th><th scope="col" class="num">Helpful</th><th scope="col">Reasons</th><th scope="col">Readers' words</th></tr></thead>
<tbody>${report.mostNotHelpful.map(
        (p) =>
          html`<tr><td><a href="${passageLink('', docIdOfPassage(p.passageId), '')}"><code>${p.passageId}</code></a></td><td class="num">${p.notHelpful}</td><td class="num">${p.helpful}</td><td>${reasonsCell(reasons.get(p.passageId)?.reasons)}</td><td>${(reasons.get(p.passageId)?.comments ?? []).map((c) => html`<q>${c}</q> `)}</td></tr>`,
      )}</tbody>
</table>`
}

<h2 id="per-day">Per day (UTC)</h2>
${
  report.perDay.length === 0
    ? html`<p>Nothing recorded recently.</p>`
    : html`<table>
<thead><tr><th scope="col">Day</th><th scope="col" class="num">Declined</th><th scope="col" class="num">Helpful</th><th scope="col" class="num">Not helpful</th></tr></thead>
<tbody>${report.perDay.map(
        (d) =>
          html`<tr><td><time datetime="${d.day}">${d.day}</time></td><td class="num">${d.declined}</td><td class="num">${d.helpful}</td><td class="num">${d.notHelpful}</td></tr>`,
      )}</tbody>
</table>`
}

${mentorAnswerSection(report, token)}`;
  return page({ title: 'Insights · Backend answers', current: 'insights', body });
}
