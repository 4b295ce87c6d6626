import { describe, expect, it } from 'vitest';
import { buildIndexFromFolder } from '../../src/index/buildIndexFromFolder.js';
import { createIndexAssembler, INDEX_PART_ENTRIES, indexParts } from '../../src/index/indexParts.js';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { CORPUS } from './botProcess.js';

describe('an index sent in parts', () => {
  it('comes back whole: the same answers, documents and statistics, from slices no longer than the limit', async () => {
    const index = await buildIndexFromFolder(CORPUS);
    const assembler = createIndexAssembler();
    let parts = 0;
    for (const part of indexParts(index)) {
      if (part.kind === 'entries') expect(part.entries.length).toBeLessThanOrEqual(INDEX_PART_ENTRIES);
      // Each part crosses a thread boundary as a structured clone.
      assembler.add(structuredClone(part));
      parts++;
    }
    const copy = await assembler.finish();
    expect(parts).toBeGreaterThan(3);
    expect(copy.corpus).toEqual(index.corpus);
    expect(copy.documentFrequency).toEqual(index.documentFrequency);
    expect(copy.leadTerms).toEqual(index.leadTerms);
    expect(copy.headingTerms).toEqual(index.headingTerms);
    expect([...copy.documentsById.keys()]).toEqual([...index.documentsById.keys()]);
    expect(copy.documentsById.get(index.corpus.documents[0]!.id)).toBe(copy.corpus.documents[0]);
    for (const q of ['what does a DevOps developer do', 'what is mongodb', 'kubernets', 'best pizza near the office']) {
      const options = { publicUrl: 'https://bot.example.com' };
      expect(answerQuestion(copy, q, options)).toEqual(answerQuestion(index, q, options));
    }
  }, 20_000);
});
