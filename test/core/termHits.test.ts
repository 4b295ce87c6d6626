import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { buildIndex, FIELD_BOOSTS, type SearchIndex } from '../../src/search/buildIndex.js';
import { exactHits, prefixHits } from '../../src/search/termHits.js';

/** What ranking searched before it read the posting lists: one term, as is, through MiniSearch's own `search`. */
function searched(index: SearchIndex, term: string, prefix = false) {
  return index.miniSearch.search(term, {
    tokenize: (t: string) => [t],
    processTerm: (t: string) => t,
    boost: { ...FIELD_BOOSTS },
    prefix,
    weights: { fuzzy: 0, prefix: 0.5 },
  });
}

describe('term hits read from the posting lists', () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = buildIndex(await loadCorpus('corpus'));
  });

  // The lists are MiniSearch's internals: an upgrade that changes them or its scoring must fail here.
  it('give every term of the corpus exactly the passages, scores, order and heading matches of search', () => {
    const terms = [...index.documentFrequency.keys()];
    expect(terms.length).toBeGreaterThan(1000);
    for (const term of terms) {
      const hits = exactHits(index, term);
      const results = searched(index, term);
      expect([...hits.ids], term).toEqual(results.map((r) => r.id));
      expect([...hits.scores], term).toEqual(results.map((r) => r.score));
      expect([...hits.inHeading], term).toEqual(results.map((r) => (r.match[term]!.includes('heading') ? 1 : 0)));
    }
  });

  it('find nothing for a word the corpus lacks', () => {
    expect(exactHits(index, 'zzyzx').size).toBe(0);
  });

  it('match a word being typed as the start of longer words, naming the words it matched', () => {
    const hits = prefixHits(index, 'kube');
    expect(hits.size).toBeGreaterThan(0);
    expect(hits.docTerms!.every((words) => words.every((w) => w.startsWith('kube')))).toBe(true);
    expect([...hits.ids]).toEqual(searched(index, 'kube', true).map((r) => r.id));
  });
});
