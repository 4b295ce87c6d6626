import type { HelpContent } from '../../src/service/types.js';
import { html, page } from './html.js';
import { MAX_QUESTION_CHARS } from './requests.js';

/**
 * `GET /`: the no-token playground. The server renders the form and example questions (usable before the script
 * loads); /static/playground.js asks /api/preview and draws the real Slack and Discord payloads side by side.
 */
export function renderPlaygroundPage(help: HelpContent, question: string): string {
  const body = html`<h1>Ask the backend docs</h1>
<p class="lead">${help.intro} Below is the answer exactly as the bot would post it in Slack and in Discord, and in a Q&amp;A channel's thread. No tokens needed.</p>
<form id="ask-form" class="ask-form" action="/" method="get" role="search">
<label for="q">Your question</label>
<input id="q" name="q" type="text" autocomplete="off" spellcheck="false" maxlength="${MAX_QUESTION_CHARS}" required value="${question}" placeholder="e.g. ${help.examples[0] ?? 'what does a backend developer do'}">
<button class="primary" type="submit">Ask</button>
</form>
${
  help.examples.length > 0
    ? html`<p class="examples" id="examples"><span class="label">Try:</span>
${help.examples.map((e) => html`<button type="button" class="chip" data-question="${e}">${e}</button>`)}
</p>`
    : ''
}
<p id="status" class="status" role="status" aria-live="polite"></p>
<div id="previews" class="previews" hidden>
<section class="preview" aria-labelledby="slack-heading">
<h2 id="slack-heading">Slack <small>Block Kit message</small></h2>
<div id="slack-preview" class="slack"></div>
</section>
<section class="preview" aria-labelledby="discord-heading">
<h2 id="discord-heading">Discord <small>embed and buttons</small></h2>
<div id="discord-preview" class="discord"></div>
</section>
<section class="preview" aria-labelledby="thread-heading">
<h2 id="thread-heading">In a thread <small>a Slack Q&amp;A channel, asked without /backend</small></h2>
<div id="thread-preview" class="slack thread"></div>
</section>
<section class="preview" aria-labelledby="handoff-heading" hidden>
<h2 id="handoff-heading">To the mentors <small>what Ask a mentor would post in the mentors' channel</small></h2>
<div id="handoff-slack" class="slack" hidden></div>
<div id="handoff-discord" class="discord" hidden></div>
</section>
</div>
<noscript><p class="no-js">The previews need JavaScript. Without it, <code>/api/ask?q=your+question</code> gives the answer as JSON.</p></noscript>
<p class="api-link">For programs: <code>GET /api/ask?q=…</code> returns the same JSON as <code>npm run ask -- --json</code>. <a href="/docs">Browse the documents</a>.</p>`;
  return page({ title: 'Playground · Backend answers', current: 'playground', body, script: '/static/playground.js' });
}
