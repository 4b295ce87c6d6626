import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CORPUS_DIR } from './slackHarness.js';

/** What the corpus file itself says under a heading: the expectation comes from the source, not from the bot. */
export interface SourceSection {
  file: string;
  title: string;
  author?: string;
  publisher?: string;
  heading: string;
  /** The first paragraph under the heading, whitespace folded. */
  paragraph: string;
}

/** Finds the corpus file with a heading containing `headingText` and reads its front matter and paragraph. */
export function sourceSection(headingText: string): SourceSection {
  for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(CORPUS_DIR, file), 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((line) => /^#{1,6}\s/.test(line) && line.includes(headingText));
    if (at === -1) continue;
    const front = /^---\n([\s\S]*?)\n---/.exec(text);
    const meta = (front ? parse(front[1]!) : {}) as Record<string, unknown>;
    const body: string[] = [];
    for (const line of lines.slice(at + 1)) {
      if (line.trim() === '' && body.length > 0) break;
      if (line.trim() !== '') body.push(line.trim());
    }
    return {
      file,
      title: String(meta.title ?? ''),
      author: meta.author === undefined ? undefined : String(meta.author),
      publisher: meta.publisher === undefined ? undefined : String(meta.publisher),
      heading: lines[at]!.replace(/^#+\s*/, ''),
      paragraph: body.join(' ').replace(/\s+/g, ' '),
    };
  }
  throw new Error(`no corpus heading contains "${headingText}"`);
}
