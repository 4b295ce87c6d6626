/**
 * Repeated questions: the same question on the same index is answered from memory, one-off questions do not push
 * recurring ones out, and a new index (a corpus reload) never gets an answer from the old one.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { buildIndex } from '../../src/search/buildIndex.js';
import { createAnswerCache } from '../../src/service/answerCache.js';
import { createBotService } from '../../src/service/botService.js';
import { CORPUS_DIR } from '../support/testCore.js';

const PUBLIC_URL = 'https://answers.example.org';
const QUESTION = 'what does a DevOps developer do';

/** A cache of `size` answers over the seed corpus, and how many times each question had to be answered anew. */
async function countingCache(size: number) {
  const index = buildIndex(await loadCorpus(CORPUS_DIR));
  const cache = createAnswerCache(size);
  const computed = new Map<string, number>();
  const ask = (q: string) =>
    cache.answer(index, q, 0, () => {
      computed.set(q, (computed.get(q) ?? 0) + 1);
      return answerQuestion(index, q, { publicUrl: PUBLIC_URL });
    });
  const total = () => [...computed.values()].reduce((a, b) => a + b, 0);
  return { ask, computed, total };
}

describe('answer cache', () => {
  it('answers a repeated question from memory, the same answer, and cannot be changed by a caller', async () => {
    const index = buildIndex(await loadCorpus(CORPUS_DIR));
    const cache = createAnswerCache(10);
    let computed = 0;
    const compute = () => {
      computed++;
      return answerQuestion(index, QUESTION, { publicUrl: PUBLIC_URL });
    };
    const first = cache.answer(index, QUESTION, 0, compute);
    const again = cache.answer(index, `  ${QUESTION} `, 0, compute);
    expect(computed).toBe(1);
    expect(again).toBe(first);
    expect(() => {
      (first.passages as unknown[]).push('changed');
    }).toThrow(TypeError);
    cache.answer(index, QUESTION, 3, compute);
    expect(computed).toBe(2);
  });

  it('forgets the least recently asked questions beyond its size', async () => {
    const { ask, total } = await countingCache(2);
    ask('a');
    ask('b');
    ask('c');
    ask('a');
    expect(total()).toBe(4);
  });

  it('keeps a recurring question through a stream of one-off questions', async () => {
    // 40 answers: a window of 2 for questions seen once, 38 for questions seen again.
    const { ask, computed } = await countingCache(40);
    const first = ask(QUESTION);
    expect(ask(QUESTION)).toBe(first);
    // Far more one-off questions than the cache holds: in a plain LRU of 40 they would push the recurring one out.
    for (let i = 0; i < 100; i++) ask(`what does a DevOps developer do on day ${i}`);
    expect(ask(QUESTION)).toBe(first);
    expect(computed.get(QUESTION)).toBe(1);
  });

  it('keeps a question asked again after its answer left the window, from that second asking on', async () => {
    const { ask, total } = await countingCache(40);
    ask(QUESTION);
    for (let i = 0; i < 5; i++) ask(`how do I deploy on day ${i}`);
    expect(total()).toBe(6);
    const second = ask(QUESTION);
    expect(total()).toBe(7);
    for (let i = 0; i < 100; i++) ask(`how do I deploy in week ${i}`);
    expect(ask(QUESTION)).toBe(second);
    expect(total()).toBe(107);
  });

  it('never serves an answer from a corpus that was swapped out', async () => {
    const corpus = await loadCorpus(CORPUS_DIR);
    let index = buildIndex(corpus);
    const service = createBotService({ index: () => index, publicUrl: PUBLIC_URL, logger: pino({ level: 'silent' }) });
    const ask = async () => {
      const outcome = await service.ask({ platform: 'cli', question: QUESTION, userKey: 'cli:local' });
      if (outcome.kind !== 'answer') throw new Error(`expected an answer, got ${outcome.kind}`);
      return outcome.answer;
    };
    const before = await ask();
    expect(await ask()).toBe(before);
    // A reload: the DevOps document is gone from the new corpus, so the answer must change with it.
    const devopsDoc = before.passages[0]!.citation.docId;
    index = buildIndex({
      ...corpus,
      documents: corpus.documents.filter((d) => d.id !== devopsDoc),
      passages: corpus.passages.filter((p) => p.docId !== devopsDoc),
    });
    const after = await ask();
    expect(after).not.toBe(before);
    expect(after.passages.map((p) => p.citation.docId)).not.toContain(devopsDoc);
  });
});
