/** What replaces a secret in a log line. */
export const REDACTED = '[redacted]';

/** Replaces secrets in a line of text before it reaches a log. */
export type Scrubber = (text: string) => string;

/**
 * A scrubber for the configured secret values themselves, wherever they appear, and for anything matching a
 * platform's own secret shapes (`patterns`, each with its replacement). Libraries log free text (request bodies,
 * error messages) that pino's `redact` paths cannot reach, so the text itself is scrubbed.
 */
export function createScrubber(
  secrets: readonly string[],
  patterns: readonly (readonly [RegExp, string])[] = [],
): Scrubber {
  // Very short values would match ordinary text; real tokens and signing secrets are long.
  const values = secrets.filter((s) => s.length >= 8);
  return (text) => {
    let out = text;
    for (const secret of values) out = out.replaceAll(secret, REDACTED);
    for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
    return out;
  };
}
