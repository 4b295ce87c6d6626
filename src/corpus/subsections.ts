import type { Section } from './types.js';

/**
 * The headings right under the section at `path`, in order. A sentence ending in ":" that closes its section
 * ("Here are different types of back-end developers:") introduces them: they are its items, quoted with it.
 */
export function subsectionTitles(sections: readonly Section[], path: readonly string[]): string[] {
  return sections
    .filter((s) => s.path.length === path.length + 1 && path.every((heading, i) => s.path[i] === heading))
    .map((s) => s.path.at(-1)!);
}

/**
 * A passage's text without the subsection headings quoted as its items: they are the headings of the passages that
 * follow, searched there, and would make a lead-in outrank the sections it introduces.
 */
export function withoutQuotedSubsections(text: string, subsections: readonly string[]): string {
  if (subsections.length === 0) return text;
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 1 && subsections.includes(lines[end - 1]!)) end--;
  return end === lines.length ? text : lines.slice(0, end).join('\n');
}
