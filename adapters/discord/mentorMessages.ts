import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord-api-types/v10';
import type { HandoffButton, HandoffMessage, MentorAnswer, MentorAnswerDelivery } from '../../src/mentors/types.js';
import { VOTE_REASONS, VOTE_REASON_LABELS } from '../../src/mentors/voteReasons.js';
import { encodeAction, type AnswerAction } from './customIds.js';
import {
  BUTTON_LABEL_MAX,
  CONTENT_MAX,
  EMBED_AUTHOR_NAME_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_TITLE_MAX,
  EMBEDS_TOTAL_MAX,
  type DiscordMessage,
  type DiscordMessageWithMenu,
} from './embeds.js';
import { clip, fitMarkdown, fitPlainText } from './markdown.js';

/** Button labels of the mentor loop, exported so tests and drivers name the buttons the user sees. */
export const MENTOR_BUTTON_LABELS = {
  take: "I'll take it",
  answer: 'Answer',
  edit: 'Edit answer',
  retire: 'Retire answer',
} as const;

/** Placeholder of the reason menu under a Not helpful thank-you. */
export const REASON_MENU_PLACEHOLDER = 'Why was it not helpful? (optional)';
/** custom_id prefix of the reason menu; the passage id follows. */
const REASON_MENU = 'backend:why:';

const HANDOFF_COLOR = 0xf59e0b;
const ANSWERED_COLOR = 0x22c55e;
const MENTOR_ANSWER_COLOR = 0x8b5cf6;

type Row = APIActionRowComponent<APIButtonComponentWithCustomId>;

/**
 * A hand-off post as sent to the mentors' channel: the only message this bot sends that may ping. Its
 * allowed_mentions names the mentor role and nothing else, so even a role or `@everyone` typed into the
 * question (which is in the embed, where nothing pings anyway) cannot ping.
 */
export interface DiscordHandoffPost {
  content: string;
  embeds: APIEmbed[];
  components: Row[];
  allowed_mentions: { parse: []; roles: string[] };
}

/**
 * The hand-off in the mentors' channel: `<@&ROLE>` in the content when `message.ping` (the first post and the
 * re-post), the question, asker, link and passages tried in an embed (people's text escaped), the state line, and the
 * buttons for the state. Pure, so the playground previews exactly what Discord gets.
 */
export function handoffToDiscordPost(message: HandoffMessage, mentorRole: string): DiscordHandoffPost {
  const heading = fitMarkdown(message.heading, CONTENT_MAX - mentorRole.length - 8);
  const fields: APIEmbedField[] = [];
  fields.push({ name: 'Asked by', value: fitMarkdown(message.askerName || 'someone', EMBED_FIELD_VALUE_MAX) });
  if (message.link) fields.push({ name: 'Where', value: `[Open the conversation](${message.link})` });
  const tried = message.passagesTried
    .slice(0, 5)
    .map((p) => `• ${fitMarkdown([p.title, p.section].filter(Boolean).join(' › ') || p.passageId, 200)}`);
  fields.push({
    name: 'Passages the bot tried',
    value: clip(tried.join('\n') || 'None came close.', EMBED_FIELD_VALUE_MAX),
  });
  if (message.answer) {
    fields.push({
      name: `Answer by ${clip(message.answer.mentorName, 200)}`,
      value: fitMarkdown(message.answer.text, EMBED_FIELD_VALUE_MAX),
    });
  }
  const title = fitMarkdown(message.stateLine, EMBED_TITLE_MAX);
  const fieldsLength = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const descriptionMax = Math.min(EMBED_DESCRIPTION_MAX, EMBEDS_TOTAL_MAX - title.length - fieldsLength - 10);
  return {
    content: message.ping ? `<@&${mentorRole}> ${heading}` : heading,
    embeds: [
      {
        title,
        description: `> ${fitMarkdown(message.question.replace(/\s*\n\s*/g, ' '), descriptionMax - 2)}`,
        color: message.state === 'answered' ? ANSWERED_COLOR : HANDOFF_COLOR,
        fields: fields.slice(0, EMBED_FIELDS_MAX),
      },
    ],
    components: handoffButtons(message.handoffId, message.buttons),
    allowed_mentions: { parse: [], roles: message.ping ? [mentorRole] : [] },
  };
}

function handoffButtons(handoffId: string, shown: readonly HandoffButton[]): Row[] {
  const buttons = shown
    .map((kind) =>
      kind === 'take'
        ? button(MENTOR_BUTTON_LABELS.take, ButtonStyle.Primary, { kind: 'take', handoffId })
        : button(MENTOR_BUTTON_LABELS.answer, ButtonStyle.Success, { kind: 'answer', handoffId }),
    )
    .filter((b) => b !== undefined);
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

function button(
  label: string,
  style: APIButtonComponentWithCustomId['style'],
  action: AnswerAction,
): APIButtonComponentWithCustomId | undefined {
  const customId = encodeAction(action);
  return customId === undefined
    ? undefined
    : { type: ComponentType.Button, style, label: clip(label, BUTTON_LABEL_MAX), custom_id: customId };
}

/**
 * The mentor's answer on its way to the asker: who answered, their question, the answer quoted verbatim
 * (escaped, so it formats nothing and pings nobody). Public or private as the place it goes to requires.
 */
export function deliveryToDiscordMessage(
  delivery: MentorAnswerDelivery,
  options: { ephemeral: boolean },
): DiscordMessage {
  const author = { name: fitPlainText(delivery.question, EMBED_AUTHOR_NAME_MAX) };
  const title = fitMarkdown(delivery.intro, EMBED_TITLE_MAX);
  return {
    embeds: [
      {
        author,
        title,
        description: `> ${fitMarkdown(delivery.answer.replace(/\s*\n\s*/g, ' '), EMBED_DESCRIPTION_MAX - 2)}`,
        color: MENTOR_ANSWER_COLOR,
        footer: { text: fitPlainText(`Answer by ${delivery.mentor.name}`, 2048) },
      },
    ],
    components: [],
    allowed_mentions: { parse: [] },
    ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * A line to the mentor about a saved answer (sent, edited, saved from a message), with Edit and Retire buttons
 * while it is live. The answer is shown so the mentor sees what new hires will be quoted.
 */
export function savedAnswerToDiscordMessage(
  line: string,
  answer: MentorAnswer,
  options: { ephemeral: boolean },
): DiscordMessage {
  const buttons = [
    button(MENTOR_BUTTON_LABELS.edit, ButtonStyle.Secondary, { kind: 'edit', answerId: answer.id }),
    button(MENTOR_BUTTON_LABELS.retire, ButtonStyle.Danger, { kind: 'retire', answerId: answer.id }),
  ].filter((b) => b !== undefined);
  return {
    content: fitMarkdown(line, CONTENT_MAX),
    embeds: [
      {
        author: { name: fitPlainText(answer.question, EMBED_AUTHOR_NAME_MAX) },
        description: `> ${fitMarkdown(answer.text.replace(/\s*\n\s*/g, ' '), EMBED_DESCRIPTION_MAX - 2)}`,
        color: MENTOR_ANSWER_COLOR,
        footer: { text: fitPlainText(`Answer by ${answer.mentor.name}, ${answer.date.slice(0, 10)}`, 2048) },
      },
    ],
    components:
      answer.state === 'live' && buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
    allowed_mentions: { parse: [] },
    ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * The thank-you for Not helpful, with an optional menu of reasons. The question rides in the embed's author line
 * (as on an answer), so the menu's choice can be recorded against it; undefined menu when the passage id does not
 * fit a custom_id (the vote stands, without a reason).
 */
export function reasonPromptToDiscordMessage(
  thanks: string,
  question: string,
  passageId: string,
): DiscordMessageWithMenu {
  const customId = `${REASON_MENU}${passageId}`;
  return {
    content: fitMarkdown(thanks, CONTENT_MAX),
    embeds: [
      {
        author: { name: fitPlainText(question, EMBED_AUTHOR_NAME_MAX) },
        description: 'Tell us why, and the people who keep the docs know what to fix.',
      },
    ],
    components:
      customId.length <= 100
        ? [
            {
              type: ComponentType.ActionRow,
              components: [
                {
                  type: ComponentType.StringSelect,
                  custom_id: customId,
                  placeholder: REASON_MENU_PLACEHOLDER,
                  min_values: 1,
                  max_values: 1,
                  options: VOTE_REASONS.map((value) => ({ value, label: VOTE_REASON_LABELS[value] })),
                },
              ],
            },
          ]
        : [],
    allowed_mentions: { parse: [] },
    flags: MessageFlags.Ephemeral,
  };
}

/** The passage id of a reason menu's custom_id, or undefined for any other component. */
export function reasonMenuPassage(customId: string): string | undefined {
  return customId.startsWith(REASON_MENU) && customId.length > REASON_MENU.length
    ? customId.slice(REASON_MENU.length)
    : undefined;
}
