import type { Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Answer, AnswerPassage, Citation } from '../../src/answer/types.js';
import { formatCitationDate } from '../../src/shared/dates.js';
import { voteThanksText } from '../../src/service/texts.js';
import type { HelpContent, Notice } from '../../src/service/types.js';
import { encodeAnswerRef, encodeMentorAskRef } from './actionValue.js';
import { ActionId, ASK_BUTTON_PREFIX, SLASH_COMMAND } from './ids.js';
import { canBold, ELLIPSIS, escapeAndClip, escapeMrkdwn, mrkdwnLink, snippetToMrkdwn } from './mrkdwn.js';

/*
 * Pure renderers: the core's neutral Answer, HelpContent and Notice in, the exact Block Kit payload out. No network,
 * no clock, no state, so the web playground can import them for a faithful preview.
 */

/** Slack: characters in a section's text (and in any text object). */
export const SECTION_TEXT_MAX = 3000;
/** Slack: blocks in one message. */
export const MAX_BLOCKS = 50;
/** Slack: elements in one context block. */
export const CONTEXT_ELEMENTS_MAX = 10;
/** Slack: characters of a button's text. */
export const BUTTON_TEXT_MAX = 75;
/** Slack: characters of a button's value. */
export const ACTION_VALUE_MAX = 2000;
/** Slack: characters of a header block's text. */
export const HEADER_TEXT_MAX = 150;

/** Ours: the question echoed above an answer; enough to recognise it, short enough not to bury the answer. */
export const QUESTION_ECHO_MAX = 300;
/** Ours: each part of a citation line (title, section, author), so one odd front matter field cannot swamp it. */
export const CITATION_PART_MAX = 200;
/** Ours: the message's top-level `text`, which Slack shows in notifications and screen readers. */
export const FALLBACK_TEXT_MAX = 300;
/** Ours: suggested topics offered as buttons under a declined question. */
export const SUGGESTION_BUTTONS_MAX = 5;

/** A Slack message body: what ack(), respond() and chat.postMessage accept (plus their routing fields). */
export interface SlackMessage {
  /** Fallback for notifications and screen readers; mrkdwn, escaped like the blocks. */
  text: string;
  blocks: KnownBlock[];
}

/** Which buttons go under an answer. */
export interface AnswerButtons {
  /** "Share in channel": only on answers only the asker can see. */
  share: boolean;
  /** "Helpful" / "Not helpful". */
  feedback: boolean;
  /** "More results", and the suggested-topic buttons of a declined question. */
  more: boolean;
  /** "Ask a mentor" (only when SLACK_MENTOR_CHANNEL is set): on a decline it is the main action. */
  askMentor?: boolean;
}

/** The same buttons, with "Ask a mentor" added when the mentor loop is on. */
export function withAskMentor(buttons: Readonly<AnswerButtons>, mentorsOn: boolean): Readonly<AnswerButtons> {
  return mentorsOn ? { ...buttons, askMentor: true } : buttons;
}

/** A `/backend` answer or a shortcut answer: seen by the asker alone, who may share it. */
export const PRIVATE_ANSWER_BUTTONS: Readonly<AnswerButtons> = { share: true, feedback: true, more: true };
/** A reply in a thread (mention, DM): already visible, so nothing to share. */
export const THREAD_ANSWER_BUTTONS: Readonly<AnswerButtons> = { share: false, feedback: true, more: true };
/** A shared answer: a clean message for the channel. */
/** An answer posted unasked in a Q&A channel's thread: everyone sees it already, and More would lose the thread's context. */
export const CHANNEL_ANSWER_BUTTONS: Readonly<AnswerButtons> = { share: false, feedback: true, more: false };
export const NO_BUTTONS: Readonly<AnswerButtons> = { share: false, feedback: false, more: false };

/** How to render an answer. */
export interface SlackAnswerOptions {
  buttons: Readonly<AnswerButtons>;
  /**
   * The name of the person who shared the answer into a channel. Shown as text (escaped), never as a `<@U…>`
   * mention, so sharing pings nobody.
   */
  sharedBy?: string;
}

/**
 * An Answer as a Slack message: the question, the best passage quoted with its full citation, the further
 * passages compactly, and the buttons. A declined answer says so kindly and offers close topics, never a passage.
 * Passages that would push the message past {@link MAX_BLOCKS} are left for "More results".
 */
export function toSlackMessage(answer: Answer, options: SlackAnswerOptions): SlackMessage {
  const best = answer.passages[0];
  if (answer.declined || best === undefined) return declinedMessage(answer, options);

  const hasActions =
    options.buttons.share || options.buttons.feedback || options.buttons.more || options.buttons.askMentor === true;
  const blocks: KnownBlock[] = [questionContext(answer.question, options.sharedBy), ...passageBlocks(best, 'full')];
  let shown = 1;
  for (const passage of answer.passages.slice(1)) {
    const divider = shown === 1 ? 1 : 0;
    if (blocks.length + divider + 2 + (hasActions ? 1 : 0) > MAX_BLOCKS) break;
    if (divider) blocks.push({ type: 'divider' });
    blocks.push(...passageBlocks(passage, 'compact'));
    shown += 1;
  }

  const nextOffset = answer.hasMore || shown < answer.passages.length ? answer.offset + shown : undefined;
  const buttons = answerButtons(answer, best, nextOffset, options.buttons);
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'answer_actions', elements: buttons });

  const from = `From “${best.citation.title}”: ${best.snippet.text}`;
  const text = options.sharedBy ? `${options.sharedBy} shared an answer. ${from}` : from;
  return { text: escapeAndClip(text, FALLBACK_TEXT_MAX), blocks };
}

/** `/backend help` (or `/backend` alone): how to ask, examples, and what the corpus covers. */
export function helpToSlackMessage(help: HelpContent): SlackMessage {
  const header: HeaderBlock = {
    type: 'header',
    text: { type: 'plain_text', text: 'Ask the backend docs', emoji: true },
  };
  const howTo = [
    '*How to ask*',
    `• \`${SLASH_COMMAND} your question\`: an answer only you can see, with a button to share it in the channel`,
    '• Mention me in a channel, or send me a direct message: I answer in a thread',
    '• On any message, open *More actions* (⋮) and pick *Find an answer* to look up what it says',
  ].join('\n');
  const blocks: KnownBlock[] = [header];
  if (help.intro.trim() !== '') blocks.push(section(escapeAndClip(help.intro, SECTION_TEXT_MAX)));
  blocks.push(section(howTo));
  if (help.here) blocks.push(section(`*In this channel*\n${escapeAndClip(help.here, SECTION_TEXT_MAX - 20)}`));
  if (help.examples.length > 0) {
    blocks.push(
      section(
        clipLines(
          '*Try one of these*',
          help.examples.map((e) => `• ${SLASH_COMMAND} ${escapeMrkdwn(e)}`),
        ),
      ),
    );
  }
  if (help.topics.length > 0) {
    const topics = help.topics.map((t) => escapeMrkdwn(t)).join('  ·  ');
    blocks.push(section(clipText(`*Topics I can answer about*\n${topics}`)));
  }
  return { text: `How to ask: ${SLASH_COMMAND} followed by your question.`, blocks };
}

const NOTICE_EMOJI: Readonly<Record<Notice['code'], string>> = {
  RATE_LIMITED: ':hourglass_flowing_sand:',
  BUSY: ':traffic_light:',
  INTERNAL: ':warning:',
  STORE_UNAVAILABLE: ':floppy_disk:',
};

/** Something the core says instead of an answer (slow down, busy, something broke), as one friendly line. */
export function noticeToSlackMessage(notice: Notice): SlackMessage {
  const text = escapeAndClip(notice.text, SECTION_TEXT_MAX - 30);
  return {
    text: escapeAndClip(notice.text, FALLBACK_TEXT_MAX),
    blocks: [section(`${NOTICE_EMOJI[notice.code]} ${text}`)],
  };
}

/** A line of our own (e.g. "That message has no text"), escaped like everything else. */
export function textToSlackMessage(line: string): SlackMessage {
  return { text: escapeAndClip(line, FALLBACK_TEXT_MAX), blocks: [section(escapeAndClip(line, SECTION_TEXT_MAX))] };
}

/** The quiet acknowledgement of a Helpful / Not helpful click, shown only to the voter. */
export function feedbackThanksToSlackMessage(helpful: boolean): SlackMessage {
  const line = `${helpful ? ':+1:' : ':memo:'} ${escapeMrkdwn(voteThanksText(helpful))}`;
  return { text: 'Thanks, noted.', blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: line }] }] };
}

function declinedMessage(answer: Answer, options: SlackAnswerOptions): SlackMessage {
  const blocks: KnownBlock[] = [
    questionContext(answer.question, options.sharedBy),
    section(":mag: I couldn't find anything in the docs that answers this, so I won't guess."),
  ];
  if (options.buttons.askMentor) {
    blocks.push(section('A mentor can answer it: they will get your question and the answer will come back to you.'), {
      type: 'actions',
      block_id: 'mentor_actions',
      elements: [{ ...askMentorButton(answer), style: 'primary' }],
    });
  }
  const suggestions = answer.suggestions.filter((s) => s.trim() !== '');
  if (suggestions.length > 0 && options.buttons.more) {
    blocks.push(section('These topics are covered. Pick one to ask about it:'));
    const buttons = suggestions
      .slice(0, SUGGESTION_BUTTONS_MAX)
      .map((topic, i) =>
        button(`${ASK_BUTTON_PREFIX}${i}`, topic, encodeAnswerRef({ question: topic, offset: 0 }, ACTION_VALUE_MAX)),
      );
    blocks.push({ type: 'actions', block_id: 'suggestions', elements: buttons });
  } else if (suggestions.length > 0) {
    blocks.push(
      section(
        clipLines(
          'These topics are covered:',
          suggestions.map((s) => `• ${escapeMrkdwn(s)}`),
        ),
      ),
    );
  }
  blocks.push(context(`Try other words, or type \`${SLASH_COMMAND} help\` to see what I can answer.`));
  return { text: "I couldn't find anything in the docs that answers this.", blocks };
}

function questionContext(question: string, sharedBy: string | undefined): ContextBlock {
  const asked = escapeAndClip(question, QUESTION_ECHO_MAX);
  if (sharedBy === undefined) return context(`*Question:* ${asked}`);
  const name = escapeAndClip(sharedBy, CITATION_PART_MAX);
  return context(`${canBold(sharedBy) ? `*${name}*` : name} shared an answer to: ${asked}`);
}

function passageBlocks(passage: AnswerPassage, form: 'full' | 'compact'): [SectionBlock, ContextBlock] {
  // The quote marker makes "this is the source's own words" visible; passages are whitespace-folded, so one line.
  const quote = `>${snippetToMrkdwn(passage.snippet, SECTION_TEXT_MAX - 1).replace(/\n/g, ' ')}`;
  const cite = form === 'full' ? fullCitation(passage.citation) : shortCitation(passage.citation);
  return [section(quote), context(cite)];
}

function titleLink(citation: Citation): string {
  const title = clipPlain(citation.title, CITATION_PART_MAX);
  const link = mrkdwnLink(citation.link, title);
  return canBold(title) ? `*${link}*` : link;
}

/** Title (linked to the passage page), section, author and publisher, date, and the original article. */
function fullCitation(citation: Citation): string {
  const parts = [`:page_facing_up: ${titleLink(citation)}`];
  if (citation.section.trim() !== '') parts.push(escapeAndClip(citation.section, CITATION_PART_MAX));
  const by = [citation.author, citation.publisher].filter((s): s is string => !!s && s.trim() !== '');
  if (by.length > 0) parts.push(`by ${escapeAndClip(by.join(', '), CITATION_PART_MAX)}`);
  if (citation.date) parts.push(escapeAndClip(formatCitationDate(citation.date), CITATION_PART_MAX));
  if (citation.url) parts.push(mrkdwnLink(citation.url, 'original article'));
  return parts.join('  ·  ');
}

function shortCitation(citation: Citation): string {
  const section = citation.section.trim() !== '' ? `  ›  ${escapeAndClip(citation.section, CITATION_PART_MAX)}` : '';
  return `${titleLink(citation)}${section}`;
}

function answerButtons(
  answer: Answer,
  best: AnswerPassage,
  nextOffset: number | undefined,
  wanted: Readonly<AnswerButtons>,
): Button[] {
  const here = { question: answer.question, offset: answer.offset };
  const buttons: Button[] = [];
  if (wanted.share) {
    buttons.push({
      ...button(ActionId.share, 'Share in channel', encodeAnswerRef(here, ACTION_VALUE_MAX)),
      style: 'primary',
    });
  }
  if (wanted.feedback) {
    const vote = encodeAnswerRef({ ...here, passageId: best.passageId }, ACTION_VALUE_MAX);
    buttons.push(button(ActionId.helpful, ':+1: Helpful', vote), button(ActionId.notHelpful, ':-1: Not helpful', vote));
  }
  if (wanted.more && nextOffset !== undefined) {
    buttons.push(
      button(ActionId.more, 'More results', encodeAnswerRef({ ...here, offset: nextOffset }, ACTION_VALUE_MAX)),
    );
  }
  if (wanted.askMentor) buttons.push(askMentorButton(answer));
  return buttons;
}

/** "Ask a mentor": carries the question and the passages shown, since an ephemeral message is not sent back. */
function askMentorButton(answer: Answer): Button {
  const ref = { question: answer.question, passageIds: answer.passages.map((p) => p.passageId) };
  return button(ActionId.askMentor, ':raising_hand: Ask a mentor', encodeMentorAskRef(ref, ACTION_VALUE_MAX));
}

export function button(actionId: string, label: string, value: string): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: clipPlain(label, BUTTON_TEXT_MAX), emoji: true },
    value,
  };
}

/**
 * `verbatim: true` stops Slack from turning bare words like "@channel" or "#general" into live mentions and
 * links; the `<…>` links we write ourselves still work.
 */
export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

export function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clipText(text), verbatim: true }] };
}

/** Plain text (button labels, link labels before escaping) cut to `max` characters with "…". */
export function clipPlain(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + ELLIPSIS;
}

/** A heading and lines, keeping whole lines while they fit a section. */
export function clipLines(heading: string, lines: readonly string[]): string {
  let text = heading;
  for (const line of lines) {
    if (text.length + 1 + line.length > SECTION_TEXT_MAX) break;
    text += `\n${line}`;
  }
  return text;
}

/** Already-escaped mrkdwn of our own making, cut at a space so no entity is split (callers keep links short). */
function clipText(mrkdwn: string): string {
  if (mrkdwn.length <= SECTION_TEXT_MAX) return mrkdwn;
  const cut = mrkdwn.slice(0, SECTION_TEXT_MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 0))}${ELLIPSIS}`;
}
