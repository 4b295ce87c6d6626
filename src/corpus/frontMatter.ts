import { parse as parseYaml } from 'yaml';

/** Front matter fields the bot understands; anything else in the block is ignored. */
export interface FrontMatter {
  title?: string;
  author?: string;
  publisher?: string;
  date?: string;
  source?: string;
  url?: string;
  /** `tags: [frontend, css]` or `tags: frontend`: what a channel's corpus scope may select the document by. */
  tags?: string[];
}

export type FrontMatterResult = { ok: true; data: FrontMatter; body: string } | { ok: false; reason: string };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

const FIELDS = ['title', 'author', 'publisher', 'date', 'source', 'url'] as const;

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

/**
 * Splits an optional YAML front matter block from a Markdown file. A block that opens but never closes, is not
 * valid YAML, or is not a mapping is "broken": the caller skips the file rather than index half-parsed metadata.
 */
export function splitFrontMatter(text: string): FrontMatterResult {
  const open = OPENING.exec(text);
  if (!open) return { ok: true, data: {}, body: text.replace(/^\uFEFF/, '') };
  const rest = text.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) return { ok: false, reason: 'front matter opens with --- but never closes' };
  const yamlText = rest.slice(0, close.index);
  let parsed: unknown;
  try {
    parsed = parseYaml(yamlText);
  } catch (error) {
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return { ok: false, reason: `front matter is not valid YAML (${firstLine})` };
  }
  if (parsed === null || parsed === undefined) parsed = {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, reason: 'front matter must be a YAML mapping of key: value lines' };
  }
  const record = parsed as Record<string, unknown>;
  const data: FrontMatter = {};
  for (const field of FIELDS) {
    const value = asText(record[field]);
    if (value !== undefined) data[field] = value;
  }
  const tags = [record.tags]
    .flat()
    .map(asText)
    .filter((t): t is string => t !== undefined);
  if (tags.length > 0) data.tags = tags;
  const body = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  return { ok: true, data, body };
}
