/**
 * The yardsticks: MiniSearch and lunr with default options over plain passages (their text only), as a team would
 * set them up in ten minutes. They never decline; a snippet is the passage's first 700 characters.
 */
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import type { Corpus } from '../../src/corpus/types.js';
import type { AnswerSnippets } from './score.js';

const snippetOf = (text: string) => text.slice(0, 700);

export function defaultMiniSearch(corpus: Corpus): AnswerSnippets {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  index.addAll(corpus.passages.map((p, id) => ({ id, text: p.text })));
  return (question) =>
    index
      .search(question)
      .slice(0, 5)
      .map((r) => snippetOf(corpus.passages[r.id as number]!.text));
}

export function defaultLunr(corpus: Corpus): AnswerSnippets {
  const index = lunr(function () {
    this.ref('id');
    this.field('text');
    for (const [id, p] of corpus.passages.entries()) this.add({ id: String(id), text: p.text });
  });
  return (question) => {
    try {
      return index
        .search(question)
        .slice(0, 5)
        .map((r) => snippetOf(corpus.passages[Number(r.ref)]!.text));
    } catch (error) {
      // lunr's query language gives some questions a meaning of its own ("c++", "what:is"); nothing found.
      if (error instanceof lunr.QueryParseError) return [];
      throw error;
    }
  };
}
