/**
 * The fields of a JSON object written by this app into a value that travels through a platform and comes back (a
 * button value, a hand-off's reply target); undefined for text that is not a JSON object, so every reader refuses
 * what it did not write the same way.
 */
export function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}
