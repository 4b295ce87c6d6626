// @ts-check
/**
 * The playground: asks /api/preview and draws the exact Slack and Discord payloads side by side. Buttons behave
 * as in chat where that makes sense here: Helpful / Not helpful record feedback, More results shows the next
 * page, suggested topics ask about that topic; Share only explains what it would do.
 */
import { h } from './dom.js';
import { renderDiscordMessage } from './discord-preview.js';
import { renderSlackMessage } from './slack-preview.js';

/** @typedef {{ kind: 'vote', passageId: string, helpful: boolean } | { kind: 'more', offset: number } | { kind: 'share' } | { kind: 'ask', question: string } | { kind: 'askMentor' } | { kind: 'handoff', button: 'take' | 'answer' }} Action */
/** @typedef {{ question: string, messages: { slack?: any, discord?: any } }} HandoffPreview */
/** @typedef {{ question: string, silent: boolean, messages: { slack?: any } }} ThreadPreview */
/** @typedef {{ answer?: { question: string, declined: boolean, answers: unknown[], offset: number }, slack: any, discord: any, thread?: ThreadPreview, handoff?: HandoffPreview, actions: { slack: Record<string, Action>, discord: Record<string, Action> }, error?: { code: string, message: string } }} Preview */

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const form = /** @type {HTMLFormElement} */ (byId('ask-form'));
const input = /** @type {HTMLInputElement} */ (byId('q'));
const status = byId('status');
const previews = byId('previews');
const slackBox = byId('slack-preview');
const discordBox = byId('discord-preview');
const threadBox = byId('thread-preview');
const handoffSlack = byId('handoff-slack');
const handoffDiscord = byId('handoff-discord');

/** The question the previews show; votes are about it. */
let shownQuestion = '';
/** Stops a slow earlier answer from replacing a newer one. */
let latestRequest = 0;

/**
 * @param {string} text
 * @param {boolean} [isError]
 */
function say(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

/**
 * @param {string} question
 * @param {number} [offset]
 */
async function ask(question, offset = 0) {
  const request = ++latestRequest;
  say(offset > 0 ? 'Loading more results…' : 'Searching the docs…');
  const params = new URLSearchParams({ q: question });
  if (offset > 0) params.set('offset', String(offset));
  /** @type {Preview} */
  let preview;
  let ok = false;
  try {
    const response = await fetch(`/api/preview?${params}`, { headers: { accept: 'application/json' } });
    preview = await response.json();
    ok = response.ok;
  } catch {
    if (request === latestRequest) say('Could not reach the bot. Is the server still running?', true);
    return;
  }
  if (request !== latestRequest) return;
  if (!ok && !preview.slack) {
    say(preview.error?.message ?? 'Something went wrong.', true);
    return;
  }
  shownQuestion = question;
  render(preview);
  history.replaceState(null, '', `/?${new URLSearchParams({ q: question })}`);
  if (!ok) say(preview.error?.message ?? 'The bot could not answer right now.', true);
  else if (preview.answer?.declined) say(`No passage answers “${question}”: the bot declines rather than guess.`);
  else {
    const n = preview.answer?.answers.length ?? 0;
    const from = (preview.answer?.offset ?? 0) + 1;
    say(`${n} passage${n === 1 ? '' : 's'} (from result ${from}) for “${question}”.`);
  }
}

/**
 * @param {Preview} preview
 */
function render(preview) {
  slackBox.replaceChildren(
    renderSlackMessage(preview.slack, ({ actionId, value, element }) =>
      perform(preview.actions.slack[`${actionId}\n${value ?? ''}`], element, slackBox),
    ),
  );
  discordBox.replaceChildren(
    renderDiscordMessage(preview.discord, ({ customId, element }) =>
      perform(preview.actions.discord[customId], element, discordBox),
    ),
  );
  renderThread(preview.thread, preview.actions.slack);
  renderHandoff(preview.handoff, preview.actions);
  previews.hidden = false;
}

/**
 * The fourth preview: the post Ask a mentor would put in the mentors' channel, per platform that has a mentor loop.
 * Its buttons only explain themselves here: taking and answering happen in chat.
 * @param {HandoffPreview | undefined} handoff
 * @param {Preview['actions']} actions
 */
function renderHandoff(handoff, actions) {
  const section = /** @type {HTMLElement} */ (handoffSlack.closest('section'));
  section.hidden = handoff === undefined;
  handoffSlack.hidden = !handoff?.messages.slack;
  handoffDiscord.hidden = !handoff?.messages.discord;
  handoffSlack.replaceChildren();
  handoffDiscord.replaceChildren();
  if (handoff?.messages.slack) {
    handoffSlack.append(
      // A post in the mentors' channel: everyone there sees it (chat.postMessage, like a thread reply).
      renderSlackMessage(
        handoff.messages.slack,
        ({ actionId, value, element }) => perform(actions.slack[`${actionId}\n${value ?? ''}`], element, handoffSlack),
        { inThread: true },
      ),
    );
  }
  if (handoff?.messages.discord) {
    handoffDiscord.append(
      renderDiscordMessage(handoff.messages.discord, ({ customId, element }) =>
        perform(actions.discord[customId], element, handoffDiscord),
      ),
    );
  }
}

/**
 * The third preview: someone asks in a Q&A channel without /backend, and the bot replies in the thread, or says
 * nothing when the docs do not answer with the channels' higher confidence.
 * @param {ThreadPreview | undefined} thread
 * @param {Record<string, Action>} actions
 */
function renderThread(thread, actions) {
  const section = /** @type {HTMLElement} */ (threadBox.closest('section'));
  section.hidden = thread === undefined;
  if (!thread) return;
  const asker = h('div', { class: 'msg' }, [
    h('div', { class: 'avatar asker', 'aria-hidden': 'true' }, ['Y']),
    h('div', { class: 'body' }, [
      h('div', {}, [h('span', { class: 'who' }, ['You']), h('span', { class: 'time' }, ['now'])]),
      h('div', { class: 'block section' }, [thread.question]),
    ]),
  ]);
  const reply =
    thread.silent || !thread.messages.slack
      ? h('p', { class: 'thread-silent' }, [
          'No reply: the docs do not answer this confidently enough to speak unasked, so the bot stays quiet and records the question as unanswered.',
        ])
      : renderSlackMessage(
          thread.messages.slack,
          ({ actionId, value, element }) => perform(actions[`${actionId}\n${value ?? ''}`], element, threadBox),
          { inThread: true },
        );
  threadBox.replaceChildren(
    asker,
    h('div', { class: 'thread-replies' }, [
      h('p', { class: 'thread-count' }, [thread.silent ? 'Thread' : '1 reply']),
      reply,
    ]),
  );
}

/**
 * @param {HTMLElement} box
 * @param {string} text
 */
function note(box, text) {
  box.querySelector('.thanks')?.remove();
  box.append(h('p', { class: 'thanks', role: 'status' }, [text]));
}

/**
 * @param {Action | undefined} action
 * @param {HTMLElement} button
 * @param {HTMLElement} box
 */
async function perform(action, button, box) {
  if (!action) return;
  switch (action.kind) {
    case 'vote': {
      const response = await fetch('/api/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: shownQuestion, passageId: action.passageId, helpful: action.helpful }),
      }).catch(() => undefined);
      /** @type {{ message?: string } | undefined} */
      const reply = await response?.json().catch(() => undefined);
      if (response?.ok) {
        button.setAttribute('aria-pressed', 'true');
        note(box, reply?.message ?? 'Thanks, noted.');
      } else {
        note(box, 'Could not record that vote. Please try again.');
      }
      return;
    }
    case 'more':
      await ask(shownQuestion, action.offset);
      return;
    case 'ask':
      input.value = action.question;
      await ask(action.question);
      return;
    case 'share':
      note(box, 'In chat, Share posts this answer to the channel for everyone (simulated here).');
      return;
    case 'askMentor':
      note(
        box,
        "In chat, this posts the question to the mentors' channel: see “To the mentors” below (simulated here).",
      );
      return;
    case 'handoff':
      note(
        box,
        action.button === 'take'
          ? 'In chat, a mentor presses this to take the question; others see who has it (simulated here).'
          : 'In chat, a mentor writes the answer in a form; it goes to the asker and is kept as a source (simulated here).',
      );
      return;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (question) void ask(question);
  else say('Type a question first.', true);
});

document.getElementById('examples')?.addEventListener('click', (event) => {
  const chip = /** @type {HTMLElement} */ (event.target).closest('button[data-question]');
  if (!chip) return;
  input.value = chip.getAttribute('data-question') ?? '';
  void ask(input.value);
});

if (input.value.trim()) void ask(input.value.trim());
