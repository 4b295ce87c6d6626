import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { splitFrontMatter } from './frontMatter.js';
import { LEAD_LABEL } from './leadLabel.js';
import { createSlugger, titleFromPath } from './slug.js';
import { subsectionTitles } from './subsections.js';
import type { CorpusDocument, CorpusWarning, Passage, Section } from './types.js';

/** List items up to this long are quoted together with their list; longer ones stand as passages of their own. */
export const SHORT_ITEM_MAX = 160;
/** A grouped list passage stops growing here, so it still fits a snippet whole. */
export const GROUPED_LIST_MAX = 700;
/** An introductory paragraph ending in ":" joins the list it introduces when it is at most this long. */
const LIST_INTRO_MAX = 300;
/** A paragraph this short ("So let's find out about them.") is quoted with the paragraph that follows it. */
export const SHORT_PARAGRAPH_MAX = 120;

const isLabelled = (text: string) => {
  const label = LEAD_LABEL.exec(text)?.[1];
  return label !== undefined && label.trim().split(/\s+/).length <= 8;
};

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export interface ParsedDocument {
  document: CorpusDocument;
  passages: Passage[];
}

interface Block {
  text: string;
  kind: 'paragraph' | 'item' | 'code' | 'table';
  section: Section;
  /** Blocks of one list share an id; a paragraph has none. */
  list?: number;
}

const foldSpace = (text: string) =>
  text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();

/** The text a reader sees for an inline token: Markdown syntax gone, words and punctuation untouched. */
function inlineText(token: Token | undefined): string {
  if (!token?.children) return foldSpace(token?.content ?? '');
  let text = '';
  for (const child of token.children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak') text += ' ';
    else if (child.type === 'hardbreak') text += '\n';
  }
  return foldSpace(text);
}

/** Index of the token closing the one at `start` (same level, matching `_close` type). */
function closingIndex(tokens: Token[], start: number): number {
  const open = tokens[start]!;
  const closeType = open.type.replace(/_open$/, '_close');
  for (let i = start + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === closeType && t.level === open.level) return i;
  }
  return tokens.length - 1;
}

function markdownBlocks(body: string, slug: (heading: string) => string, sections: Section[]): Block[] {
  const tokens = markdown.parse(body, {});
  const stack: { depth: number; text: string }[] = [];
  let section: Section = { slug: '', path: [], depth: 0 };
  const blocks: Block[] = [];
  let listCount = 0;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'heading_open': {
        const depth = Number(token.tag.slice(1));
        const text = inlineText(tokens[i + 1]);
        while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
        stack.push({ depth, text });
        section = { slug: slug(text), path: stack.map((h) => h.text), depth };
        sections.push(section);
        i = closingIndex(tokens, i);
        break;
      }
      case 'paragraph_open': {
        const text = inlineText(tokens[i + 1]);
        if (text) blocks.push({ text, kind: 'paragraph', section });
        i = closingIndex(tokens, i);
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const end = closingIndex(tokens, i);
        const list = ++listCount;
        for (let j = i + 1; j < end; j++) {
          if (tokens[j]!.type !== 'list_item_open' || tokens[j]!.level !== token.level + 1) continue;
          const itemEnd = closingIndex(tokens, j);
          const parts: string[] = [];
          for (let k = j + 1; k < itemEnd; k++) {
            if (tokens[k]!.type === 'inline') parts.push(inlineText(tokens[k]));
          }
          const text = parts.filter(Boolean).join('\n');
          if (text) blocks.push({ text, kind: 'item', section, list });
          j = itemEnd;
        }
        i = end;
        break;
      }
      case 'table_open': {
        // A table is quoted whole, a row a line, cells joined by " | ": snippets pick the rows that match.
        const end = closingIndex(tokens, i);
        const rows: string[] = [];
        let cells: string[] = [];
        for (let j = i + 1; j < end; j++) {
          const t = tokens[j]!;
          if (t.type === 'inline') cells.push(inlineText(t));
          else if (t.type === 'tr_close') {
            rows.push(cells.join(' | '));
            cells = [];
          }
        }
        const text = rows.filter((r) => r.replace(/[|\s]/g, '')).join('\n');
        if (text) blocks.push({ text, kind: 'table', section });
        i = end;
        break;
      }
      case 'fence':
      case 'code_block': {
        const text = token.content.trim();
        if (text) blocks.push({ text, kind: 'code', section });
        break;
      }
      default:
        break;
    }
  }
  return blocks;
}

/**
 * Turns blocks into quotable passages: a paragraph stands alone; a list of short items is quoted as one passage
 * (with the sentence that introduces it), because "Python" alone answers nothing; long items stand alone.
 */
function passagesFromBlocks(docId: string, blocks: Block[], sections: readonly Section[]): Passage[] {
  const passages: Passage[] = [];
  const push = (text: string, section: Section) =>
    passages.push({
      id: `${docId}#${passages.length}`,
      docId,
      sectionSlug: section.slug,
      sectionPath: section.path,
      text,
      position: passages.length,
    });

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    if (block.kind !== 'item') {
      // A sentence ending in ":" is unfinished without what follows; a very short paragraph says little alone.
      const joinsNext =
        block.kind === 'paragraph' &&
        next !== undefined &&
        next.section === block.section &&
        (block.text.endsWith(':')
          ? block.text.length <= LIST_INTRO_MAX
          : block.text.length <= SHORT_PARAGRAPH_MAX && next.kind === 'paragraph');
      let text = block.text;
      if (joinsNext && next.kind === 'item' && isGroupable(next)) {
        const grouped = groupList(blocks, i + 1, block.text);
        text = grouped.text;
        i = grouped.next - 1;
      } else if (joinsNext) {
        text = `${block.text}\n${next.text}`;
        i++;
      }
      const last = blocks[i]!;
      const items = introducesSubsections(last, blocks[i + 1]) ? subsectionTitles(sections, last.section.path) : [];
      push(withItems(text, items), block.section);
      continue;
    }
    if (!isGroupable(block)) {
      push(block.text, block.section);
      continue;
    }
    const grouped = groupList(blocks, i);
    push(grouped.text, block.section);
    i = grouped.next - 1;
  }
  return passages;
}

/**
 * A sentence ending in ":" that closes its section introduces the subsections that follow ("Here are different types
 * of back-end developers:" above "#1 - Database Specialists:", ...): alone it answers nothing.
 */
const introducesSubsections = (block: Block, next: Block | undefined) =>
  block.kind === 'paragraph' &&
  block.text.endsWith(':') &&
  block.text.length <= LIST_INTRO_MAX &&
  next !== undefined &&
  next.section !== block.section &&
  next.section.path.length > block.section.path.length;

/** A lead-in quoted with its items, one a line, as long as they fit a snippet whole. */
function withItems(intro: string, items: readonly string[]): string {
  const lines = [intro];
  let length = intro.length;
  for (const item of items) {
    if (length + 1 + item.length > GROUPED_LIST_MAX) break;
    lines.push(item);
    length += 1 + item.length;
  }
  return lines.join('\n');
}

/** Short, unlabelled list items are quoted together; "Python" alone answers nothing. */
const isGroupable = (block: Block) =>
  block.kind === 'item' && block.text.length <= SHORT_ITEM_MAX && !isLabelled(block.text);

/** Gathers consecutive short items of one list, up to GROUPED_LIST_MAX characters. */
function groupList(blocks: Block[], start: number, intro?: string): { text: string; next: number } {
  const first = blocks[start]!;
  const lines = intro ? [intro] : [];
  let length = intro?.length ?? 0;
  let i = start;
  while (i < blocks.length) {
    const b = blocks[i]!;
    if (b.kind !== 'item' || b.list !== first.list || !isGroupable(b)) break;
    if (lines.length > (intro ? 1 : 0) && length + b.text.length + 1 > GROUPED_LIST_MAX) break;
    lines.push(b.text);
    length += b.text.length + 1;
    i++;
  }
  return { text: lines.join('\n'), next: i };
}

function plainTextBlocks(body: string): Block[] {
  const section: Section = { slug: '', path: [], depth: 0 };
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => foldSpace(p.replace(/\r?\n/g, ' ')))
    .filter(Boolean)
    .map((text) => ({ text, kind: 'paragraph' as const, section }));
}

/**
 * Parses one corpus file (already decoded) into a document and its passages, or explains why it must be skipped.
 * Pure: the caller does the file I/O.
 */
export function parseDocument(input: { file: string; id: string; text: string }): ParsedDocument | CorpusWarning {
  const isMarkdown = /\.(md|markdown)$/i.test(input.file);
  const front = isMarkdown ? splitFrontMatter(input.text) : { ok: true as const, data: {}, body: input.text };
  if (!front.ok) return { file: input.file, code: 'BAD_FRONT_MATTER', message: front.reason };
  if (!front.body.trim()) return { file: input.file, code: 'EMPTY', message: 'the file has no text to index' };

  const sections: Section[] = [];
  const blocks = isMarkdown ? markdownBlocks(front.body, createSlugger(), sections) : plainTextBlocks(front.body);
  const passages = passagesFromBlocks(input.id, blocks, sections);
  if (passages.length === 0) {
    return { file: input.file, code: 'NO_PASSAGES', message: 'the file has headings but no paragraphs to quote' };
  }
  const firstHeading = sections.find((s) => s.depth === 1);
  const meta = front.data;
  const document: CorpusDocument = {
    id: input.id,
    file: input.file,
    meta: {
      title: meta.title ?? firstHeading?.path.at(-1) ?? titleFromPath(input.file),
      author: meta.author,
      publisher: meta.publisher,
      date: meta.date,
      source: meta.source ?? input.file,
      url: meta.url,
      ...(meta.tags ? { tags: meta.tags } : {}),
    },
    sections: passages.some((p) => p.sectionSlug === '') ? [{ slug: '', path: [], depth: 0 }, ...sections] : sections,
    body: front.body,
  };
  return { document, passages };
}
