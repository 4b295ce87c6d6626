/**
 * Discord's markup for mentions, channels, slash commands and custom emoji: `<@123>`, `<@!123>`, `<@&123>`, `<#123>`,
 * `</backend:123>`, `<:name:123>`, `<a:name:123>`.
 */
const MARKUP = /<(?:@[!&]?\d+|#\d+|\/[^:<>]+:\d+|a?:\w+:\d+)>/g;

/**
 * Turns what someone typed on Discord into the question the core searches: mention markup addresses people (and
 * its ids mean nothing to the corpus), so it is dropped; the rest is kept as typed. Renderers escape the question
 * again when they echo it.
 */
export function discordTextToQuestion(text: string): string {
  return text.replace(MARKUP, ' ').replace(/\s+/g, ' ').trim();
}
