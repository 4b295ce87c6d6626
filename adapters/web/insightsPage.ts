import { passageLink } from '../../src/answer/citation.js';
import type { InsightsReport } from '../../src/feedback/types.js';
import { html, page } from './html.js';
import { docIdOfPassage } from './requests.js';

/**
 * `GET /insights`: the corpus maintainers' to-do list as three small tables. Every cell is escaped: the questions
 * are whatever people typed.
 */
export function renderInsightsPage(report: InsightsReport): string {
  const body = html`<h1>Insights</h1>
<p class="lead">What to fix in the corpus: questions the bot could not answer, and passages readers found unhelpful.</p>

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
<thead><tr><th scope="col">Passage</th><th scope="col" class="num">Not helpful</th><th scope="col" class="num">Helpful</th></tr></thead>
<tbody>${report.mostNotHelpful.map(
        (p) =>
          html`<tr><td><a href="${passageLink('', docIdOfPassage(p.passageId), '')}"><code>${p.passageId}</code></a></td><td class="num">${p.notHelpful}</td><td class="num">${p.helpful}</td></tr>`,
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
}`;
  return page({ title: 'Insights · Backend answers', current: 'insights', body });
}
