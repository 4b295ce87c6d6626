/** Zero-width space: inserted into mention syntax so it shows as text instead of a mention. */
const ZERO_WIDTH_SPACE = '\u200b';

/** The ellipsis shown wherever text was cut, by us or by the core. */
export const ELLIPSIS = '…';

/**
 * Makes `@everyone`, `@here`, `<@user>`, `<@!user>`, `<@&role>` and `<#channel>` display as plain text.
 * `allowed_mentions: { parse: [] }` already stops the ping; this also stops the highlighted mention pill,
 * so a quoted question never looks like it pinged anyone.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`).replace(/<([@#])/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/** Undoes {@link neutraliseMentions} for text we rendered and read back from a message (e.g. the question). */
export function restoreNeutralised(text: string): string {
  return text.replaceAll(ZERO_WIDTH_SPACE, '');
}

/** Inline formatting characters (and masked-link brackets), escaped wherever they appear outside a URL. */
const INLINE_SYNTAX = /[\\*_~|`[\]]/g;
const URL_PATTERN = /(https?:\/\/[^\s<>]+)/;

/**
 * Escapes plain text for Discord markdown, so only our own `**marks**` format anything: every inline
 * formatting character is backslash-escaped (Discord shows `\x` as `x`), URLs are left intact so they stay
 * links, and line-start syntax (headings, quotes, lists, `-#` subtext) is escaped too. Mentions are
 * neutralised. (discord.js's escapeMarkdown was not enough: it leaves parts of runs like `***` unescaped.)
 */
export function toDiscordMarkdown(raw: string): string {
  const escaped = raw
    .split(URL_PATTERN)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(INLINE_SYNTAX, '\\$&')))
    .join('')
    .replace(/^(\s*)(#{1,3}\s|>|-#|[-+]\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
  return neutraliseMentions(escaped);
}

/** Plain text for embed parts Discord shows without markdown (author name, footer): only mentions neutralised. */
export function toDiscordPlainText(raw: string): string {
  return neutraliseMentions(raw);
}

/** Cuts `text` to at most `max` UTF-16 units, never splitting a surrogate pair; no ellipsis added. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max));
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** Cuts `text` to `max` units, ending in an ellipsis when anything was removed. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : cutAt(text, max - ELLIPSIS.length) + ELLIPSIS;
}

/**
 * Cuts at the last word boundary that keeps `text` within `max`, without an ellipsis: for values that are
 * sent back as input (autocomplete values), where a cut word would change the question.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = cutAt(text, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd();
}

/**
 * The longest prefix of `raw` whose rendering fits in `max` units. Rendering grows with the prefix
 * (escapes only add characters), so a binary search finds it. Prefers to end at a word boundary.
 */
export function longestFittingPrefix(raw: string, max: number, render: (prefix: string) => string): string {
  let low = 0;
  let high = raw.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(cutAt(raw, mid)).length <= max) low = mid;
    else high = mid - 1;
  }
  const prefix = cutAt(raw, low);
  if (prefix.length === raw.length) return prefix;
  const space = prefix.lastIndexOf(' ');
  const atWord = space > prefix.length - 40 && space > 0 ? prefix.slice(0, space) : prefix;
  // Shortening can, rarely, lengthen the rendering (a cut URL is no longer left unescaped): keep what was checked.
  return render(atWord).length <= max ? atWord : prefix;
}

/**
 * Escaped markdown for `raw`, cut (with an ellipsis) so the result is at most `max` units. Cutting happens on
 * the raw text, so an escape sequence or a mention is never split in half.
 */
export function fitMarkdown(raw: string, max: number): string {
  const whole = toDiscordMarkdown(raw);
  if (whole.length <= max) return whole;
  const prefix = longestFittingPrefix(raw, max - ELLIPSIS.length, toDiscordMarkdown);
  return toDiscordMarkdown(prefix).trimEnd() + ELLIPSIS;
}

/** Plain text (mentions neutralised) cut to `max` units with an ellipsis. */
export function fitPlainText(raw: string, max: number): string {
  const whole = toDiscordPlainText(raw);
  if (whole.length <= max) return whole;
  const prefix = longestFittingPrefix(raw, max - ELLIPSIS.length, toDiscordPlainText);
  return toDiscordPlainText(prefix).trimEnd() + ELLIPSIS;
}
