/**
 * Reads the real corpus files directly (not through the bot's parser) so end-to-end tests compare what Discord
 * received with the source text itself, instead of with hard-coded strings.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface SourceSection {
  file: string;
  heading: string;
  /** The first paragraph under the heading, Markdown emphasis removed, whitespace folded. */
  paragraph: string;
  meta: { title?: string; author?: string; publisher?: string; date?: string };
}

/** The first section in corpus/ whose heading matches `heading`. */
export function findSection(heading: RegExp, dir = 'corpus'): SourceSection {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    const lines = text.split(/\r?\n/);
    const at = lines.findIndex((line) => /^#{1,6}\s/.test(line) && heading.test(line));
    if (at < 0) continue;
    const body: string[] = [];
    for (const line of lines.slice(at + 1)) {
      if (line.trim() === '' && body.length > 0) break;
      if (line.trim() !== '') body.push(line.trim());
    }
    const meta = front ? (parseYaml(front[1]!) as Record<string, unknown>) : {};
    const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
    return {
      file,
      heading: lines[at]!.replace(/^#+\s*/, ''),
      paragraph: body.join(' ').replace(/[*_`]/g, '').replace(/\s+/g, ' '),
      meta: { title: str(meta.title), author: str(meta.author), publisher: str(meta.publisher), date: str(meta.date) },
    };
  }
  throw new Error(`no heading matching ${heading} in ${dir}`);
}

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
