/**
 * eval/mentors/answers.jsonl (a folder of its own, as `npm run eval` scores every gold file in eval/): questions only
 * a saved mentor answer holds the answer to. Without the mentor answers the corpus declines them; with them indexed
 * beside the corpus, each asked in other words finds its mentor's answer first, cited "Answer by <mentor>, <date>";
 * and the corpus questions of eval/dev.jsonl still find the corpus.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { withMentorAnswers } from '../../src/mentors/mentorIndex.js';
import type { MentorAnswer } from '../../src/mentors/types.js';
import { buildIndex } from '../../src/search/buildIndex.js';
import { corpusIndex } from '../support/testCore.js';

const EVAL = join(import.meta.dirname, '..', '..', 'eval');
const lines = (file: string) =>
  readFileSync(join(EVAL, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

interface MentorPair {
  id: string;
  answer: { question: string; text: string; mentor: string };
  asks: string[];
  expect: string;
}
const pairs = lines('mentors/answers.jsonl') as unknown as MentorPair[];
const answers: MentorAnswer[] = pairs.map((p, i) => ({
  id: `eval${i}`,
  question: p.answer.question,
  text: p.answer.text,
  mentor: { id: `U${i}`, name: p.answer.mentor },
  date: '2026-11-28T09:00:00.000Z',
  state: 'live',
}));
const publicUrl = 'http://bot';

describe('mentor answers as sources (eval/mentors/answers.jsonl)', () => {
  it('has a few pairs, each asked in other words at least twice', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    for (const p of pairs) expect(p.asks.length, p.id).toBeGreaterThanOrEqual(2);
  });

  it('the corpus alone quotes none of these answers, and declines nearly all of the questions', async () => {
    const index = await corpusIndex();
    const asked = pairs.flatMap((p) => [p.answer.question, ...p.asks].map((q) => ({ p, q })));
    let declined = 0;
    for (const { p, q } of asked) {
      const answer = answerQuestion(index, q, { publicUrl });
      if (answer.declined) declined++;
      for (const passage of answer.passages) expect(passage.snippet.text).not.toContain(p.expect);
    }
    // Measured: 18 of 19 declined, 16 of 19 with main's newer query-word rules (the rest get unrelated passages, e.g.
    // "how do I book the quiet room for focus time"). The floor only keeps these questions gaps of the corpus.
    expect(declined / asked.length).toBeGreaterThanOrEqual(0.75);
  });

  it('with the mentor answers indexed, the paraphrases find their mentor’s answer first, cited', async () => {
    const index = buildIndex(withMentorAnswers((await corpusIndex()).corpus, answers));
    const asks = pairs.flatMap((p) => p.asks.map((q) => ({ p, q })));
    let hits = 0;
    for (const { p, q } of asks) {
      const top = answerQuestion(index, q, { publicUrl }).passages[0];
      if (!top?.snippet.text.includes(p.expect)) continue;
      hits++;
      expect(top.citation.title).toBe(`Answer by ${p.answer.mentor}, 2026-11-28`);
      expect(top.citation.link).toMatch(/^http:\/\/bot\/docs\/mentor-answers\/eval\d+$/);
    }
    // Measured: 12 of 13 ("how long can I reserve the quiet room" shares only "quiet room" with the answer, and
    // declines). A floor just under, so a regression shows.
    expect(hits / asks.length).toBeGreaterThanOrEqual(0.9);
  });

  it('takes no corpus question away from the corpus (eval/dev.jsonl, top passage from the same document)', async () => {
    const corpus = await corpusIndex();
    const index = buildIndex(withMentorAnswers(corpus.corpus, answers));
    const dev = lines('dev.jsonl') as { q: string }[];
    expect(dev.length).toBeGreaterThan(20);
    for (const { q } of dev) {
      const docOf = (i: typeof index) => answerQuestion(i, q, { publicUrl }).passages[0]?.citation.docId;
      // Term statistics shift a little with more documents, so a passage may change within its document.
      expect(docOf(index), q).toBe(docOf(corpus));
    }
  });
});
