import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { buildIndex, type SearchIndex } from '../../src/search/buildIndex.js';
import { CANDIDATES_MAX, cutCandidates, searchedOnce } from '../../src/search/candidateCut.js';
import { parseQuery } from '../../src/search/query.js';
import { exactHits } from '../../src/search/termHits.js';

const PASSAGES = 3 * CANDIDATES_MAX;
const FILLER = ['records', 'show', 'that', 'the', 'meeting', 'ran', 'late', 'into', 'evening', 'hours'];

/**
 * A corpus too large to rank whole: every other paragraph names the government, every third the budget, every seventh
 * the council, so one paragraph in 42 names all three, among thousands that name one or two.
 */
function paragraph(i: number): string {
  const words = [`Entry ${i}:`];
  if (i % 2 === 0) words.push('the government');
  if (i % 3 === 0) words.push('the budget');
  if (i % 7 === 0) words.push('the council');
  words.push(...FILLER.slice(0, 2 + (i % FILLER.length)));
  return `${words.join(' ')}.`;
}

const namesAll = (text: string) => ['government', 'budget', 'council'].every((w) => text.includes(w));

describe('the candidate cut on a large corpus', () => {
  let index: SearchIndex;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cut-'));
    const body = Array.from({ length: PASSAGES }, (_, i) => paragraph(i)).join('\n\n');
    writeFileSync(join(dir, 'minutes.md'), `# Minutes\n\n${body}\n`);
    index = buildIndex(await loadCorpus(dir));
  }, 60_000);

  it('ranks only a bounded number of passages when broad words match most of the corpus', () => {
    const { concepts } = parseQuery('government budget council', index);
    const hits = searchedOnce((term: string) => exactHits(index, term));
    const total = concepts.reduce((sum, c) => sum + c.weight, 0);
    const kept = cutCandidates(index, concepts, hits, total);
    expect(kept?.reduce((sum, k) => sum + k, 0)).toBe(CANDIDATES_MAX);
    // Every paragraph naming all three ideas is among them: the cut weighs how much of the question a passage covers.
    const allThree = index.corpus.passages.flatMap((p, id) => (namesAll(p.text) ? [id] : []));
    expect(allThree.length).toBeGreaterThan(0);
    expect(allThree.length).toBeLessThan(index.corpus.passages.length / 4);
    for (const id of allThree) expect(kept?.[id]).toBe(1);
  });

  it('still answers with the paragraphs that name every idea of the question', () => {
    const answer = answerQuestion(index, 'government budget council', { publicUrl: 'https://bot.example' });
    expect(answer.declined).toBe(false);
    expect(answer.passages.length).toBeGreaterThan(0);
    const texts = new Map(index.corpus.passages.map((p) => [p.id, p.text]));
    for (const p of answer.passages) expect(namesAll(texts.get(p.passageId)!)).toBe(true);
  });

  it('cuts nothing while the matches fit, so a small corpus ranks exactly as before', () => {
    const { concepts } = parseQuery('council', index);
    const hits = searchedOnce((term: string) => exactHits(index, term));
    expect(hits('council', false).size).toBeLessThanOrEqual(CANDIDATES_MAX);
    expect(cutCandidates(index, concepts, hits, concepts[0]!.weight)).toBeUndefined();
  });
});
