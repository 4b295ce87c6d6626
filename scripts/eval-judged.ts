/**
 * Scores the chat sets' check (or tune) halves by relevance judgments instead of gold phrases. For every in-scope
 * question of the half, eval/judged/<half>.jsonl holds each passage the bot or default MiniSearch showed in its
 * first three (and the window around the gold phrase), labelled by a judge who saw neither the systems nor the
 * gold: 2 answers the question, 1 is on its topic without answering it, 0 is beside the point. A hit is a shown snippet labelled 2.
 * Snippets the judge never saw (the ranking changed since) count as misses and are counted, so the figure is a
 * floor; judge the new ones before trusting it.
 *
 *   npm run eval:judged [-- check|tune]
 */
import { readFileSync } from 'node:fs';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { buildIndex } from '../src/search/buildIndex.js';
import { defaultMiniSearch } from './eval/baselines.js';

interface Judged {
  id: string;
  set: string;
  q: string;
  passages: { label: 0 | 1 | 2; text: string }[];
}

const split = process.argv[2] ?? 'check';
if (split !== 'check' && split !== 'tune') {
  console.error('Usage: npm run eval:judged [-- check|tune]');
  process.exit(2);
}
const JUDGED_FILE = `eval/judged/${split}.jsonl`;
/** How many snippets a person reads: hit@3 is over the first three. */
const SHOWN = 3;

const judged = readFileSync(JUDGED_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Judged);

const corpus = await loadCorpus('corpus');
const index = buildIndex(corpus);
const systems: [string, (q: string) => string[]][] = [
  ['bot', (q) => answerQuestion(index, q, { publicUrl: 'x' }).passages.map((p) => p.snippet.text)],
  ['MiniSearch', defaultMiniSearch(corpus)],
];

const sets = [...new Set(judged.map((j) => j.set)), 'all'];
const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(
  `${pad('set', 8)}${pad('system', 12)}${pad('n', 5)}${pad('hit@1', 8)}${pad('hit@3', 8)}${pad('topic@1', 9)}unjudged`,
);
for (const set of sets) {
  const questions = judged.filter((j) => set === 'all' || j.set === set);
  for (const [name, answer] of systems) {
    let hit1 = 0;
    let hit3 = 0;
    let topic1 = 0;
    let unjudged = 0;
    for (const j of questions) {
      const labels = answer(j.q)
        .slice(0, SHOWN)
        .map((text) => {
          const label = j.passages.find((p) => p.text === text)?.label;
          if (label === undefined) unjudged++;
          return label ?? 0;
        });
      if (labels[0] === 2) hit1++;
      if (labels.includes(2)) hit3++;
      if ((labels[0] ?? 0) >= 1) topic1++;
    }
    const share = (k: number) => (k / questions.length).toFixed(3);
    console.log(
      `${pad(set, 8)}${pad(name, 12)}${pad(questions.length, 5)}${pad(share(hit1), 8)}${pad(share(hit3), 8)}${pad(share(topic1), 9)}${unjudged}`,
    );
  }
}
