import type { SearchIndex } from '../search/buildIndex.js';
import { parseQuery } from '../search/query.js';

/** Section headings that name a topic: top-level sections of each document, in reading order. */
function topicHeadings(index: SearchIndex): string[][] {
  return index.corpus.documents.map((doc) => {
    const top = Math.min(...doc.sections.filter((s) => s.depth >= 2).map((s) => s.depth));
    return doc.sections
      .filter((s) => s.depth === top || (s.depth === 3 && top === 2))
      .map((s) =>
        s.path
          .at(-1)!
          .replace(/^#?\d+\s*[-–.)]\s*/, '')
          .replace(/[:.]$/, '')
          .trim(),
      )
      .filter((h) => h.length > 2 && h.length <= 80);
  });
}

/** Interleaves documents so a list of topics shows the breadth of the corpus, not one article's outline. */
function roundRobin(lists: string[][], limit: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < limit && lists.some((l) => i < l.length); i++) {
    for (const list of lists) {
      const h = list[i];
      if (h === undefined || seen.has(h.toLowerCase())) continue;
      seen.add(h.toLowerCase());
      out.push(h);
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** What the corpus covers, for help and for declined answers. */
export function corpusTopics(index: SearchIndex, limit = 12): string[] {
  return roundRobin(topicHeadings(index), limit);
}

/**
 * Headings close to a question: for a declined answer, "did you mean" topics. Falls back to the corpus's
 * topics when nothing is close, so the user always has somewhere to go.
 */
export function suggestTopics(index: SearchIndex, question: string, limit = 5): string[] {
  const concepts = parseQuery(question);
  const close =
    concepts.length === 0
      ? []
      : index.miniSearch
          .search(concepts.map((c) => c.term).join(' '), {
            fields: ['heading'],
            tokenize: (t) => t.split(' '),
            processTerm: (t) => t,
            fuzzy: 0.25,
            prefix: true,
          })
          .map((r) => index.corpus.passages[r.id as number]!.sectionPath.at(-1))
          .filter((h): h is string => !!h);
  const unique = [
    ...new Set(
      close.map((h) =>
        h
          .replace(/^#?\d+\s*[-–.)]\s*/, '')
          .replace(/[:.]$/, '')
          .trim(),
      ),
    ),
  ];
  return unique.length > 0 ? unique.slice(0, limit) : corpusTopics(index, limit);
}
