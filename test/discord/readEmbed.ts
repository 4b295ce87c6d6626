/** Reads Discord markdown back as the text a person sees, so tests compare it with the corpus source. */

/** The plain text of a rendered quote: quote marker, bold, escapes and ellipses removed. */
export function unrenderQuote(markdown: string): string {
  return markdown
    .replace(/^> /gm, '')
    .replace(/\*\*/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '')
    .replace(/…/g, '')
    .trim();
}
