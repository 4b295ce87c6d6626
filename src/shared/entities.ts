const ENTITY_OF: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const CHARACTER_OF: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Replaces `&`, `<` and `>` (and, with `quotes`, `"` and `'`) by their entities: the one escaping both HTML (quotes
 * on, for attribute values) and Slack mrkdwn (which defines only the first three) are made of.
 */
export function escapeEntities(text: string, options: { quotes?: boolean } = {}): string {
  return text.replace(options.quotes ? /[&<>"']/g : /[&<>]/g, (c) => ENTITY_OF[c]!);
}

/** The reverse of {@link escapeEntities}, for text a platform sends already escaped (Slack's `&lt;`, `&amp;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => CHARACTER_OF[entity]!);
}
