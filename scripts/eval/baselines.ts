/**
 * The yardsticks: MiniSearch and lunr with default options over plain passages (their text only, without the
 * subsection headings the bot quotes after a lead-in), as a team would set them up in ten minutes. They never
 * decline; a snippet is the passage's first 700 characters.
 */
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { subsectionTitles, withoutQuotedSubsections } from '../../src/corpus/subsections.js';
import type { Corpus } from '../../src/corpus/types.js';
import type { AnswerSnippets } from './score.js';

const snippetOf = (text: string) => text.slice(0, 700);

/** Each passage as its paragraph alone: without the subsection headings the bot quotes after a lead-in. */
function plainTexts(corpus: Corpus): string[] {
  const sections = new Map(corpus.documents.map((d) => [d.id, d.sections]));
  return corpus.passages.map((p) =>
    withoutQuotedSubsections(p.text, subsectionTitles(sections.get(p.docId) ?? [], p.sectionPath)),
  );
}

export function defaultMiniSearch(corpus: Corpus): AnswerSnippets {
  const texts = plainTexts(corpus);
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  index.addAll(texts.map((text, id) => ({ id, text })));
  return (question) =>
    index
      .search(question)
      .slice(0, 5)
      .map((r) => snippetOf(texts[r.id as number]!));
}

export function defaultLunr(corpus: Corpus): AnswerSnippets {
  const texts = plainTexts(corpus);
  const index = lunr(function () {
    this.ref('id');
    this.field('text');
    for (const [id, text] of texts.entries()) this.add({ id: String(id), text });
  });
  return (question) => {
    try {
      return index
        .search(question)
        .slice(0, 5)
        .map((r) => snippetOf(texts[Number(r.ref)]!));
    } catch (error) {
      // lunr's query language gives some questions a meaning of its own ("c++", "what:is"); nothing found.
      if (error instanceof lunr.QueryParseError) return [];
      throw error;
    }
  };
}
