/**
 * Reads the real corpus files directly (not through the bot's parser) so end-to-end tests compare what a platform
 * received with the source text itself, instead of with hard-coded strings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CORPUS_DIR } from './testCore.js';

/** What the corpus file itself says under a heading: the expectation comes from the source, not from the bot. */
export interface SourceSection {
  file: string;
  title: string;
  author?: string;
  publisher?: string;
  date?: string;
  /** The heading line without its `#` marks. */
  heading: string;
  /** The first paragraph under the heading, Markdown emphasis removed, whitespace folded. */
  paragraph: string;
}

/** The first section in the corpus (files in name order) whose heading contains `heading` (or matches it). */
export function sourceSection(heading: string | RegExp, dir = CORPUS_DIR): SourceSection {
  const matches = (line: string) => (typeof heading === 'string' ? line.includes(heading) : heading.test(line));
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const lines = text.split(/\r?\n/);
    const at = lines.findIndex((line) => /^#{1,6}\s/.test(line) && matches(line));
    if (at < 0) continue;
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    const meta = (front ? parseYaml(front[1]!) : {}) as Record<string, unknown>;
    const body: string[] = [];
    for (const line of lines.slice(at + 1)) {
      if (line.trim() === '' && body.length > 0) break;
      if (line.trim() !== '') body.push(line.trim());
    }
    const str = (v: unknown) =>
      v === undefined || v === null ? undefined : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    const section: SourceSection = {
      file,
      title: String(meta.title ?? ''),
      heading: lines[at]!.replace(/^#+\s*/, ''),
      paragraph: body.join(' ').replace(/[*_`]/g, '').replace(/\s+/g, ' '),
    };
    for (const key of ['author', 'publisher', 'date'] as const) {
      const value = str(meta[key]);
      if (value !== undefined) section[key] = value;
    }
    return section;
  }
  throw new Error(`no corpus heading matches ${String(heading)} in ${dir}`);
}

/** Folds whitespace and drops the "…" a clipped snippet carries, to compare a quote with its source text. */
export function normalizeQuote(text: string): string {
  return text.replace(/…/g, ' ').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}
