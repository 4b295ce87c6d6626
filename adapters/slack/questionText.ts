import { decodeEntities } from '../../src/shared/entities.js';

/**
 * Turns the text Slack sends (commands, mentions, DMs, shortcut messages) back into what the person typed.
 *
 * Slack encodes `&`, `<` and `>` as entities and spells mentions and links as `<@U123>`, `<!channel>`,
 * `<#C123|general>` and `<https://…|label>`. The core should search for words, not markup, so mentions become the
 * readable `@name` / `#name` a person sees, links their label, and the entities their characters. Nothing here is
 * trusted later: every renderer escapes the question again when it echoes it.
 */
export function slackTextToQuestion(text: string, botUserId?: string): string {
  return slackTextToPlain(text, botUserId).replace(/\s+/g, ' ');
}

/** The same, keeping the line breaks: for a mentor's answer, quoted later as written. */
export function slackTextToPlain(text: string, botUserId?: string): string {
  const readable = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => readableToken(inner, botUserId));
  return decodeEntities(readable).trim();
}

function readableToken(inner: string, botUserId: string | undefined): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : inner.slice(bar + 1);
  switch (target[0]) {
    case '@':
      // The bot's own mention is how a question is addressed, not part of it.
      if (botUserId !== undefined && target.slice(1) === botUserId) return ' ';
      return label !== '' ? `@${label.replace(/^@/, '')}` : ' ';
    case '#':
      return label !== '' ? `#${label}` : ' ';
    case '!':
      if (label !== '') return label;
      return /^!(here|channel|everyone)$/.test(target) ? `@${target.slice(1)}` : ' ';
    default:
      return label !== '' ? label : target;
  }
}
