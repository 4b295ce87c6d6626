import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { CorpusDocument, Section } from '../../src/corpus/types.js';
import { escapeHtml, SafeHtml } from './html.js';

/**
 * Raw HTML in a corpus file is shown as text (`html: false`), and markdown-it's validateLink refuses
 * `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs, so nothing in a corpus file can run script in a
 * reader's browser. The same options the corpus parser uses, so both see the same headings.
 */
function createMarkdown(): MarkdownIt {
  // Required on the first document page, not at start: the parser takes ~100 ms to load and answering never needs it.
  const MarkdownItClass = createRequire(import.meta.url)('markdown-it') as typeof MarkdownIt;
  const markdown = new MarkdownItClass({ html: false, linkify: false, typographer: false });
  const defaultHeadingClose = markdown.renderer.rules.heading_close;
  markdown.renderer.rules.heading_close = (tokens, idx, options, env, self) => {
    const meta = tokens[idx]!.meta as HeadingMeta | null;
    const anchor = meta?.slug
      ? `<a class="anchor" href="#${escapeHtml(encodeURIComponent(meta.slug))}" aria-label="Link to this section">#</a>`
      : '';
    const close = defaultHeadingClose
      ? defaultHeadingClose(tokens, idx, options, env, self)
      : self.renderToken(tokens, idx, options);
    return anchor + close + (meta?.after?.value ?? '');
  };
  return markdown;
}
let markdownIt: MarkdownIt | undefined;

/** What the page attaches to a heading: its section's anchor, and (for the title) the document's details. */
interface HeadingMeta {
  slug?: string;
  after?: SafeHtml;
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A heading's text as the corpus parser reads it: inline syntax gone. */
function headingText(inline: Token | undefined): string {
  let text = '';
  for (const child of inline?.children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
  }
  return fold(text);
}

/**
 * Pairs each rendered heading with the Section the core computed for it, in document order, so the anchor ids
 * are exactly the slugs citations link to. A heading nested in a list or a quote gets no id: it cannot start a section of the page.
 */
function sectionFinder(sections: readonly Section[]): (depth: number, text: string) => Section | undefined {
  const headed = sections.filter((s) => s.depth > 0);
  let next = 0;
  return (depth, text) => {
    for (let k = next; k < headed.length; k++) {
      const section = headed[k]!;
      if (section.depth === depth && fold(section.path.at(-1) ?? '') === text) {
        next = k + 1;
        return section;
      }
    }
    return undefined;
  };
}

function plainTextBody(body: string): SafeHtml {
  const paragraphs = body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`);
  return new SafeHtml(`<section class="doc-section">\n${paragraphs.join('\n')}\n</section>`);
}

/**
 * Renders a document as HTML, one `<section id="<slug>">` per heading, so `/docs/<doc>#<slug>` lands on (and CSS
 * `:target` highlights) exactly the part of the page a citation quotes. `details` (author, date, source) goes
 * under the title: the body's own opening level-1 heading when it is the title (it may be a citation's target),
 * else a title heading added above the body.
 */
export function renderDocumentBody(doc: CorpusDocument, details: SafeHtml): SafeHtml {
  const addedTitle = new SafeHtml(`<h1>${escapeHtml(doc.meta.title)}</h1>\n${details.value}\n`);
  if (!/\.(md|markdown)$/i.test(doc.file)) return new SafeHtml(addedTitle.value + plainTextBody(doc.body).value);

  const env = {};
  const markdown = (markdownIt ??= createMarkdown());
  const tokens = markdown.parse(doc.body, env);
  const findSection = sectionFinder(doc.sections);
  const chunks: { section?: Section | undefined; tokens: Token[] }[] = [{ tokens: [] }];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'heading_open' && token.level === 0) {
      const section = findSection(Number(token.tag.slice(1)), headingText(tokens[i + 1]));
      const close = tokens[i + 2];
      if (section && close?.type === 'heading_close') close.meta = { slug: section.slug };
      chunks.push({ section, tokens: [] });
    }
    chunks.at(-1)!.tokens.push(token);
  }

  const opening = chunks[1];
  const titledByBody =
    chunks[0]!.tokens.length === 0 &&
    opening?.section?.depth === 1 &&
    fold(opening.section.path[0] ?? '') === fold(doc.meta.title);
  if (titledByBody) {
    const close = opening.tokens[2]!;
    close.meta = { ...(close.meta as HeadingMeta), after: details } satisfies HeadingMeta;
  }

  const parts = chunks
    .filter((chunk) => chunk.tokens.length > 0)
    .map((chunk) => {
      const inner = markdown.renderer.render(chunk.tokens, markdown.options, env);
      const id = chunk.section ? ` id="${escapeHtml(chunk.section.slug)}"` : '';
      return `<section class="doc-section"${id}>\n${inner}</section>`;
    });
  return new SafeHtml((titledByBody ? '' : addedTitle.value) + parts.join('\n'));
}
