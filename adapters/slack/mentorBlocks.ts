import type { Button, InputBlock, KnownBlock, ModalView } from '@slack/types';
import type {
  Handoff,
  HandoffMessage,
  MentorAnswer,
  MentorAnswerDelivery,
  PassageTried,
} from '../../src/mentors/types.js';
import { MAX_MENTOR_ANSWER_CHARS } from '../../src/mentors/types.js';
import { MAX_REASON_TEXT_CHARS, VOTE_REASON_LABELS, VOTE_REASONS } from '../../src/mentors/voteReasons.js';
import { formatCitationDate } from '../../src/shared/dates.js';
import {
  button,
  CITATION_PART_MAX,
  clipLines,
  context,
  FALLBACK_TEXT_MAX,
  QUESTION_ECHO_MAX,
  SECTION_TEXT_MAX,
  section,
  type SlackMessage,
} from './blocks.js';
import { ActionId, ViewId } from './ids.js';
import { ELLIPSIS, escapeAndClip, escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';
import { parseJsonObject } from '../../src/shared/jsonObject.js';

/*
 * Pure renderers for the mentor loop: the core's neutral hand-off message, delivery and mentor answer in, the exact
 * Block Kit payload (message or modal) out. Everything in them was typed by people, so all of it is escaped; the one
 * live mention is the mentor group's, on a hand-off post that asks for it.
 */

/** Slack: characters of a modal's title, submit and close labels. */
export const MODAL_TITLE_MAX = 24;
/** Slack: characters of a view's `private_metadata`. */
export const PRIVATE_METADATA_MAX = 3000;
/** Slack: the most a `plain_text_input` may be set to accept. */
export const PLAIN_TEXT_INPUT_MAX = 3000;

/** Ours: passages tried listed on a hand-off post, so a long list cannot bury the question. */
export const PASSAGES_TRIED_MAX = 5;

/** `block_id` / `action_id` of the modals' inputs: a submission's `view.state.values[block][action]`. */
export const ModalInput = {
  answer: { block: 'answer', action: 'text' },
  reason: { block: 'reason', action: 'choice' },
  reasonText: { block: 'reason_text', action: 'text' },
} as const;

/**
 * The hand-off post in the mentors' channel: the question, who asked and where, the passages the bot tried, its
 * state, and the buttons for that state. With `message.ping` it mentions the mentor group (`<!subteam^…>`), in the
 * blocks and in the notification text, and nowhere else: no other text in it can ping.
 */
export function handoffToSlackMessage(message: HandoffMessage, group: string, groupLabel?: string): SlackMessage {
  // Slack spells the mention `<!subteam^ID>` and shows the group's handle; the label is for previews only.
  const mention = message.ping ? `<!subteam^${group}${groupLabel ? `|${escapeMrkdwn(groupLabel)}` : ''}> ` : '';
  const heading = `${mention}*${escapeAndClip(message.heading, 200)}*`;
  const blocks: KnownBlock[] = [
    section(`${heading}\n${quoted(message.question, SECTION_TEXT_MAX - heading.length - 1)}`),
    context(askedBy(message.askerName, message.link)),
    section(passagesTried(message.passagesTried)),
  ];
  if (message.answer) {
    const label = `*Answer by ${escapeAndClip(message.answer.mentorName, CITATION_PART_MAX)}:*`;
    blocks.push(section(`${label}\n${quoted(message.answer.text, SECTION_TEXT_MAX - label.length - 1)}`));
  }
  blocks.push(context(escapeAndClip(message.stateLine, SECTION_TEXT_MAX)));
  const buttons = message.buttons.map((kind) => handoffButton(kind, message.handoffId));
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'handoff_actions', elements: buttons });
  const text = `${mention}${escapeAndClip(`${message.heading}: ${message.question}`, FALLBACK_TEXT_MAX)}`;
  return { text, blocks };
}

function handoffButton(kind: HandoffMessage['buttons'][number], handoffId: string): Button {
  return kind === 'take'
    ? { ...button(ActionId.takeHandoff, ":hand: I'll take it", handoffId), style: 'primary' }
    : button(ActionId.answerHandoff, ':speech_balloon: Answer', handoffId);
}

function askedBy(name: string, link: string | undefined): string {
  const who = `Asked by ${escapeAndClip(name, CITATION_PART_MAX)}`;
  return link ? `${who}  ·  ${mrkdwnLink(link, 'where they asked')}` : who;
}

function passagesTried(passages: readonly PassageTried[]): string {
  if (passages.length === 0) return '_The docs had nothing close to offer._';
  const lines = passages.slice(0, PASSAGES_TRIED_MAX).map((p) => {
    const title = mrkdwnLink(p.link, clip(p.title, CITATION_PART_MAX));
    return p.section.trim() === '' ? `• ${title}` : `• ${title}  ›  ${escapeAndClip(p.section, CITATION_PART_MAX)}`;
  });
  return clipLines('*What the bot offered:*', lines);
}

/** The answer in the asker's thread or DM: who answered, the question, and the answer quoted as written. */
export function deliveryToSlackMessage(delivery: MentorAnswerDelivery): SlackMessage {
  const intro = escapeAndClip(delivery.intro, 300);
  return {
    text: escapeAndClip(`${delivery.intro} ${delivery.answer}`, FALLBACK_TEXT_MAX),
    blocks: [
      section(`:raising_hand: *${intro}*`),
      context(`*Question:* ${escapeAndClip(delivery.question, QUESTION_ECHO_MAX)}`),
      section(quoted(delivery.answer, SECTION_TEXT_MAX)),
    ],
  };
}

/** Shown to a mentor after a mentor answer was saved (or edited): what new hires will be shown, and its controls. */
export function mentorAnswerToSlackMessage(answer: MentorAnswer, headline: string): SlackMessage {
  const cite = `Cited as “Answer by ${escapeAndClip(answer.mentor.name, CITATION_PART_MAX)}, ${escapeMrkdwn(
    formatCitationDate(answer.date.slice(0, 10)),
  )}”`;
  const blocks: KnownBlock[] = [
    section(escapeAndClip(headline, 300)),
    context(`*Question:* ${escapeAndClip(answer.question, QUESTION_ECHO_MAX)}`),
    section(quoted(answer.text, SECTION_TEXT_MAX)),
    context(cite),
  ];
  if (answer.state === 'live') {
    blocks.push({
      type: 'actions',
      block_id: 'mentor_answer_actions',
      elements: [
        button(ActionId.editAnswer, ':pencil2: Edit', answer.id),
        { ...button(ActionId.retireAnswer, ':wastebasket: Retire', answer.id), style: 'danger' },
      ],
    });
  }
  return { text: escapeAndClip(`${headline} ${answer.question}`, FALLBACK_TEXT_MAX), blocks };
}

/** The Answer form, opened from a hand-off post's Answer button. */
export function answerModal(handoff: Handoff): ModalView {
  return {
    type: 'modal',
    callback_id: ViewId.answerHandoff,
    private_metadata: handoff.id,
    title: modalLabel('Answer a question'),
    submit: modalLabel('Send answer'),
    close: modalLabel('Cancel'),
    blocks: [
      section(`*Question*\n${quoted(handoff.question, SECTION_TEXT_MAX - 14)}`),
      context(askedBy(handoff.origin.userName ?? 'someone', handoff.origin.link)),
      answerInput('Your answer', undefined, 'Sent to the asker, naming you, and saved for new hires who ask the same.'),
    ],
  };
}

/** The Edit form of a saved mentor answer, filled with its current text. */
export function editAnswerModal(answer: MentorAnswer): ModalView {
  return {
    type: 'modal',
    callback_id: ViewId.editAnswer,
    private_metadata: answer.id,
    title: modalLabel('Edit your answer'),
    submit: modalLabel('Save'),
    close: modalLabel('Cancel'),
    blocks: [
      section(`*Question*\n${quoted(answer.question, SECTION_TEXT_MAX - 14)}`),
      answerInput('Answer', answer.text, 'New hires are shown the new text from now on.'),
    ],
  };
}

/** A modal that only says something (the form's result), with one button to close it. */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: modalLabel(title),
    close: modalLabel('Done'),
    blocks: [section(escapeAndClip(text, SECTION_TEXT_MAX))],
  };
}

/** What a "Not helpful" vote is about, kept in the reason form so its submission can replace the vote. */
export interface VoteRef {
  question: string;
  passageId: string;
}

/** The "why not helpful?" form: the reasons as radio buttons, and optional words of the reader's own. */
export function notHelpfulModal(ref: VoteRef): ModalView {
  return {
    type: 'modal',
    callback_id: ViewId.notHelpful,
    private_metadata: encodeVoteRef(ref),
    title: modalLabel('Why not helpful?'),
    submit: modalLabel('Send'),
    close: modalLabel('Skip'),
    blocks: [
      section('Thanks, your vote is noted. What was wrong with this answer?'),
      {
        type: 'input',
        block_id: ModalInput.reason.block,
        label: plain('Reason'),
        element: {
          type: 'radio_buttons',
          action_id: ModalInput.reason.action,
          options: VOTE_REASONS.map((reason) => ({ text: plain(VOTE_REASON_LABELS[reason]), value: reason })),
        },
      },
      {
        type: 'input',
        block_id: ModalInput.reasonText.block,
        optional: true,
        label: plain('Anything to add?'),
        element: {
          type: 'plain_text_input',
          action_id: ModalInput.reasonText.action,
          multiline: true,
          max_length: MAX_REASON_TEXT_CHARS,
        },
      },
    ],
  };
}

/** The vote reference as `private_metadata`: the question is shortened (whole characters) until it fits. */
export function encodeVoteRef(ref: VoteRef): string {
  let question = ref.question;
  for (;;) {
    const value = JSON.stringify({ q: question, p: ref.passageId });
    if (value.length <= PRIVATE_METADATA_MAX || question === '') return value;
    question = Array.from(question)
      .slice(0, -Math.max(1, Math.ceil((value.length - PRIVATE_METADATA_MAX) / 2)))
      .join('');
  }
}

/** Reads a vote reference back from a submission; undefined for anything this adapter did not write. */
export function decodeVoteRef(value: string | undefined): VoteRef | undefined {
  const { q, p } = parseJsonObject(value) ?? {};
  return typeof q === 'string' && typeof p === 'string' && p !== '' ? { question: q, passageId: p } : undefined;
}

function answerInput(label: string, initial: string | undefined, hint: string): InputBlock {
  return {
    type: 'input',
    block_id: ModalInput.answer.block,
    label: plain(label),
    hint: plain(hint),
    element: {
      type: 'plain_text_input',
      action_id: ModalInput.answer.action,
      multiline: true,
      min_length: 1,
      max_length: Math.min(MAX_MENTOR_ANSWER_CHARS, PLAIN_TEXT_INPUT_MAX),
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

/** People's text as a mrkdwn quote, every line marked, escaped and cut to `max` characters. */
function quoted(text: string, max: number): string {
  const lines = text
    .trim()
    .split(/\r?\n/)
    .map((line) => `>${escapeMrkdwn(line)}`);
  const joined = lines.join('\n');
  if (joined.length <= max) return joined;
  // Cut whole lines first, then inside the last one (never inside an entity), and end with "…".
  let out = '';
  for (const line of lines) {
    if (out.length + line.length + 1 > max - ELLIPSIS.length) {
      const room = max - ELLIPSIS.length - out.length - 1;
      if (room > 1) out += `${out ? '\n' : ''}${line.slice(0, room).replace(/&[a-z]*$/, '')}`;
      break;
    }
    out += `${out ? '\n' : ''}${line}`;
  }
  return `${out}${ELLIPSIS}`;
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}${ELLIPSIS}`;
}

function plain(text: string): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text, emoji: true };
}

/** A modal's title, submit or close label. */
function modalLabel(text: string): { type: 'plain_text'; text: string; emoji: true } {
  return plain(clip(text, MODAL_TITLE_MAX));
}
