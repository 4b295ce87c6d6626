import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  type APIInteractionResponseCallbackData,
  type APIStringSelectComponent,
} from 'discord-api-types/v10';
import type { Answer, AnswerPassage, Citation, Snippet } from '../../src/answer/types.js';
import type { HelpContent } from '../../src/service/types.js';
import { encodeAction, type AnswerAction } from './customIds.js';
import {
  ELLIPSIS,
  clip,
  cutAtWord,
  fitMarkdown,
  fitPlainText,
  longestFittingPrefix,
  restoreNeutralised,
  toDiscordMarkdown,
} from './markdown.js';

export { CUSTOM_ID_MAX } from './customIds.js';

/** Discord rejects a message whose `content` is longer than this. */
export const CONTENT_MAX = 2000;
/** Longest embed title. */
export const EMBED_TITLE_MAX = 256;
/** Longest embed description. */
export const EMBED_DESCRIPTION_MAX = 4096;
/** Longest embed field name. */
export const EMBED_FIELD_NAME_MAX = 256;
/** Longest embed field value. */
export const EMBED_FIELD_VALUE_MAX = 1024;
/** Most fields in one embed. */
export const EMBED_FIELDS_MAX = 25;
/** Longest embed footer text. */
export const EMBED_FOOTER_MAX = 2048;
/** Longest embed author name. */
export const EMBED_AUTHOR_NAME_MAX = 256;
/** Characters across title, description, fields, footer and author of all embeds in one message. */
export const EMBEDS_TOTAL_MAX = 6000;
/** Most choices in one autocomplete response. */
export const AUTOCOMPLETE_CHOICES_MAX = 25;
/** Longest autocomplete choice name, and value. */
export const CHOICE_MAX = 100;
/** Longest button label. */
export const BUTTON_LABEL_MAX = 80;

const ANSWER_COLOR = 0x3b82f6;
const DECLINED_COLOR = 0x94a3b8;
const HELP_COLOR = 0x10b981;

/**
 * The JSON body of an interaction reply (or webhook edit) as Discord receives it. Typed as a narrowing of
 * discord-api-types' own callback data, so a wrong field fails to compile here rather than at Discord.
 * `allowed_mentions` is always `{ parse: [] }`: nothing we send can ping anyone.
 */
export interface DiscordMessage extends APIInteractionResponseCallbackData {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: { parse: [] };
  flags?: MessageFlags.Ephemeral;
}

/** A reply whose row holds a select menu instead of buttons (the reasons under a Not helpful thank-you). */
export interface DiscordMessageWithMenu extends Omit<DiscordMessage, 'components'> {
  components: APIActionRowComponent<APIStringSelectComponent>[];
}

/** How an answer is shown: privately with buttons, or shared into the channel in someone's name. */
export interface AnswerRenderOptions {
  ephemeral: boolean;
  /** Share / Helpful / Not helpful / More results buttons. */
  showActions: boolean;
  /**
   * Only Helpful / Not helpful: for answers posted unasked in a channel or thread, which everyone already sees and
   * whose "More" would lose the thread's context.
   */
  votesOnly?: boolean;
  /** Display name of the person who shared the answer; shown as plain text, never as a mention. */
  sharedBy?: string;
  /**
   * An Ask a mentor button (when the mentors' channel is set): beside the votes on an answer, and as the main action
   * on a decline.
   */
  askMentor?: boolean;
}

/** Button labels, exported so tests and the playground name the same buttons the user sees. */
export const BUTTON_LABELS = {
  share: 'Share in channel',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  more: 'More results',
  ask: 'Ask a mentor',
} as const;

/**
 * Renders the core's Answer as a Discord message: the best passage as an embed (section as title, quoted
 * snippet as description, citation as footer, link as URL), further passages compactly as fields, and the
 * action buttons. Pure, so the web playground can preview exactly what Discord would get.
 */
export function toDiscordMessage(answer: Answer, options: AnswerRenderOptions): DiscordMessage {
  const [first, ...others] = answer.passages;
  const answered = !answer.declined && first !== undefined;
  return {
    ...(options.sharedBy === undefined ? {} : { content: sharedByLine(options.sharedBy) }),
    embeds: [answered ? answerEmbed(answer.question, first, others) : declinedEmbed(answer)],
    components: answered
      ? options.showActions
        ? [actionRow(answer, first, options.votesOnly === true, options.askMentor === true)]
        : []
      : options.askMentor
        ? [{ type: ComponentType.ActionRow, components: [askMentorButton(ButtonStyle.Primary)] }]
        : [],
    allowed_mentions: { parse: [] },
    ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** What `/backend` on its own shows: how to ask, examples and topics. Always ephemeral. */
export function helpToDiscordMessage(help: HelpContent): DiscordMessage {
  const fields: APIEmbedField[] = [];
  if (help.here) fields.push({ name: 'In this channel', value: fitMarkdown(help.here, EMBED_FIELD_VALUE_MAX) });
  const examples = fitList(help.examples, (e) => `• /backend question: ${toDiscordMarkdown(e)}`, '\n');
  if (examples) fields.push({ name: 'Try asking', value: examples });
  const topics = fitList(help.topics, toDiscordMarkdown, ' · ');
  if (topics) fields.push({ name: 'Topics', value: topics });
  const title = 'Ask the trusted docs with /backend';
  const tip = '\n\nOr right-click any message › **Apps** › **Find an answer**.';
  const fieldsLength = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const introMax = Math.min(EMBED_DESCRIPTION_MAX, EMBEDS_TOTAL_MAX - title.length - fieldsLength) - tip.length;
  return {
    embeds: [
      {
        title,
        description: fitMarkdown(help.intro, introMax) + tip,
        color: HELP_COLOR,
        fields,
      },
    ],
    components: [],
    allowed_mentions: { parse: [] },
    flags: MessageFlags.Ephemeral,
  };
}

/** A one-line ephemeral message instead of an answer (rate limited, busy, something went wrong). */
export function noticeToDiscordMessage(notice: { code: string; text: string }): DiscordMessage {
  return lineToDiscordMessage(notice.text);
}

/** A short private line of plain text (a thank-you for a vote, a friendly error), escaped and clipped. */
export function lineToDiscordMessage(text: string): DiscordMessage {
  return {
    content: fitMarkdown(text, CONTENT_MAX),
    embeds: [],
    components: [],
    allowed_mentions: { parse: [] },
    flags: MessageFlags.Ephemeral,
  };
}

/**
 * Autocomplete choices from the core's suggestions: at most 25, blank and duplicate values dropped. Names
 * are clipped with an ellipsis; values (sent back as the question) are cut at a word instead.
 */
export function toAutocompleteChoices(suggestions: readonly string[]): APIApplicationCommandOptionChoice<string>[] {
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  const seen = new Set<string>();
  for (const suggestion of suggestions) {
    const text = suggestion.replace(/\s+/g, ' ').trim();
    const value = cutAtWord(text, CHOICE_MAX);
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: clip(text, CHOICE_MAX), value });
    if (choices.length === AUTOCOMPLETE_CHOICES_MAX) break;
  }
  return choices;
}

/**
 * The question an answer message was rendered for, read back from its first embed's author line: buttons
 * cannot carry it (custom_id is 100 characters), but component interactions include the message.
 */
export function questionFromEmbeds(embeds: readonly APIEmbed[]): string | undefined {
  const name = embeds[0]?.author?.name;
  const question = name === undefined ? '' : restoreNeutralised(name).trim();
  return question === '' ? undefined : question;
}

/** The characters Discord counts towards EMBEDS_TOTAL_MAX across a message's embeds. */
export function embedsLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0),
    0,
  );
}

function answerEmbed(question: string, first: AnswerPassage, others: AnswerPassage[]): APIEmbed {
  const author = { name: fitPlainText(question, EMBED_AUTHOR_NAME_MAX) };
  const title = fitMarkdown(first.citation.section || documentName(first.citation), EMBED_TITLE_MAX);
  const footer = { text: fitPlainText(citationLine(first.citation), EMBED_FOOTER_MAX) };
  const url = linkFor(first.citation);

  // Share the 6000-character budget: field names get at most a quarter of what is left, field values at
  // most half of the rest, and the best passage's description everything after that.
  const shown = others.slice(0, EMBED_FIELDS_MAX);
  const available = EMBEDS_TOTAL_MAX - author.name.length - title.length - footer.text.length;
  const count = Math.max(1, shown.length);
  const nameMax = Math.min(EMBED_FIELD_NAME_MAX, Math.floor(available / 4 / count));
  const names = shown.map((p) => fitMarkdown(fieldName(p.citation), nameMax));
  const afterNames = available - names.reduce((n, s) => n + s.length, 0);
  const valueMax = Math.min(EMBED_FIELD_VALUE_MAX, Math.floor(afterNames / 2 / count));
  const fields = shown.map((p, i) => ({ name: names[i]!, value: passageFieldValue(p, valueMax) }));
  const descriptionMax = Math.min(EMBED_DESCRIPTION_MAX, afterNames - fields.reduce((n, f) => n + f.value.length, 0));

  return {
    author,
    title,
    ...(url ? { url } : {}),
    description: quoted(first.snippet, descriptionMax),
    color: ANSWER_COLOR,
    ...(fields.length > 0 ? { fields } : {}),
    footer,
  };
}

function declinedEmbed(answer: Answer): APIEmbed {
  const intro =
    "I only answer with passages from the trusted documents, and none of them answers this, so I won't guess.";
  const lead = `${intro}\n\n**These topics are covered — try one:**\n`;
  const topics = fitList(
    answer.suggestions,
    (s) => `• ${toDiscordMarkdown(s)}`,
    '\n',
    EMBED_DESCRIPTION_MAX - lead.length,
  );
  return {
    author: { name: fitPlainText(answer.question, EMBED_AUTHOR_NAME_MAX) },
    title: "I couldn't find that in the documents",
    description: topics ? lead + topics : `${intro}\n\nType /backend on its own to see the topics I cover.`,
    color: DECLINED_COLOR,
  };
}

/** Ask a mentor: its custom_id is fixed and short, so it always fits. */
function askMentorButton(style: APIButtonComponentWithCustomId['style']): APIButtonComponentWithCustomId {
  return button(BUTTON_LABELS.ask, style, { kind: 'ask' }, '🙋')!;
}

function actionRow(
  answer: Answer,
  first: AnswerPassage,
  votesOnly: boolean,
  askMentor: boolean,
): APIActionRowComponent<APIButtonComponentWithCustomId> {
  const buttons = [
    votesOnly ? undefined : button(BUTTON_LABELS.share, ButtonStyle.Primary, { kind: 'share', offset: answer.offset }),
    button(
      BUTTON_LABELS.helpful,
      ButtonStyle.Success,
      { kind: 'vote', helpful: true, passageId: first.passageId },
      '👍',
    ),
    button(
      BUTTON_LABELS.notHelpful,
      ButtonStyle.Secondary,
      { kind: 'vote', helpful: false, passageId: first.passageId },
      '👎',
    ),
    answer.hasMore && !votesOnly
      ? button(BUTTON_LABELS.more, ButtonStyle.Secondary, {
          kind: 'more',
          offset: answer.offset + answer.passages.length,
        })
      : undefined,
    askMentor ? askMentorButton(ButtonStyle.Secondary) : undefined,
  ];
  return { type: ComponentType.ActionRow, components: buttons.filter((b) => b !== undefined) };
}

function button(
  label: string,
  style: APIButtonComponentWithCustomId['style'],
  action: AnswerAction,
  emoji?: string,
): APIButtonComponentWithCustomId | undefined {
  const customId = encodeAction(action);
  if (customId === undefined) return undefined;
  return {
    type: ComponentType.Button,
    style,
    label: clip(label, BUTTON_LABEL_MAX),
    custom_id: customId,
    ...(emoji ? { emoji: { name: emoji } } : {}),
  };
}

function sharedByLine(name: string): string {
  return `**${fitMarkdown(name, 100)}** shared an answer from the trusted docs:`;
}

/** "Document · Author · Publisher · Date": what a reader needs to find the source (the title shows the section). */
function citationLine(c: Citation): string {
  return [c.title, c.author, c.publisher, c.date].filter(Boolean).join(' · ');
}

/** Discord refuses an empty field name, so a document without a title goes by its id. */
function documentName(c: Citation): string {
  return c.title.trim() || c.docId;
}

function fieldName(c: Citation): string {
  return c.section && c.section !== c.title ? `${c.section} — ${documentName(c)}` : documentName(c);
}

/** A quoted snippet followed by a source line (linked when Discord accepts the link), within `max` characters. */
function passageFieldValue(p: AnswerPassage, max: number): string {
  const url = linkFor(p.citation);
  const link = url ? `[Source](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : '';
  const meta = toDiscordMarkdown(
    [p.citation.author ?? p.citation.publisher, p.citation.date].filter(Boolean).join(' · '),
  );
  const full = [link, meta].filter(Boolean).join(' · ');
  const source = full.length <= max / 2 ? full : link.length <= max / 2 ? link : '';
  const snippetMax = max - (source ? source.length + 1 : 0);
  return source ? `${quoted(p.snippet, snippetMax)}\n${source}` : quoted(p.snippet, snippetMax);
}

/**
 * The passage page, or failing that the original article, if Discord will take it as a link: Discord
 * refuses a whole message (400) whose embed URL host has no top-level domain, such as the default
 * PUBLIC_URL http://localhost:3000, so such a link is left out rather than losing the answer.
 */
function linkFor(c: Citation): string | undefined {
  return [c.link, c.url].find((link) => {
    if (link === undefined || !URL.canParse(link)) return false;
    const { protocol, hostname } = new URL(link);
    return (protocol === 'https:' || protocol === 'http:') && /\.[a-z]{2,63}$/i.test(hostname);
  });
}

/** A Markdown block quote of the snippet within `max` characters; marks bold, the rest escaped. */
function quoted(snippet: Snippet, max: number): string {
  return `> ${renderSnippet(snippet, max - 2)}`;
}

function renderSnippet(snippet: Snippet, max: number): string {
  const tail = snippet.clippedEnd ? ELLIPSIS : '';
  let out = snippet.clippedStart ? ELLIPSIS : '';
  for (const [i, segment] of snippet.segments.entries()) {
    const piece = renderSegment(segment.text, segment.marked);
    const reserve = i === snippet.segments.length - 1 ? tail.length : ELLIPSIS.length;
    if (out.length + piece.length + reserve <= max) {
      out += piece;
      continue;
    }
    const room = max - out.length - ELLIPSIS.length;
    const prefix = longestFittingPrefix(segment.text, room, (t) => renderSegment(t, segment.marked));
    return (out + renderSegment(prefix, segment.marked)).trimEnd() + ELLIPSIS;
  }
  return out + tail;
}

/** Bold for marked text (`**x**`, with surrounding spaces kept outside so Discord still bolds it). */
function renderSegment(text: string, marked: boolean): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (!marked) return toDiscordMarkdown(flat);
  const match = /^(\s*)(.*?)(\s*)$/s.exec(flat)!;
  const [, lead = '', core = '', trail = ''] = match;
  return core === '' ? flat : `${lead}**${toDiscordMarkdown(core)}**${trail}`;
}

/** Joins as many rendered items as fit in `max` (a field value by default); '' when none. */
function fitList(
  items: readonly string[],
  render: (item: string) => string,
  separator: string,
  max = EMBED_FIELD_VALUE_MAX,
): string {
  let out = '';
  for (const item of items) {
    const piece = render(item);
    const next = out === '' ? piece : out + separator + piece;
    if (next.length > max) break;
    out = next;
  }
  if (out !== '' || items[0] === undefined) return out;
  // Not even the first item fits whole: show as much of it as fits.
  const prefix = longestFittingPrefix(items[0], max - ELLIPSIS.length, render);
  return render(prefix).trimEnd() + ELLIPSIS;
}
