/**
 * Scores the chat sets' check (or tune) halves by relevance judgments instead of gold phrases. For every in-scope
 * question of the half, eval/judged/<half>.jsonl holds each passage the bot or default MiniSearch showed in its
 * first three (and the window around the gold phrase), labelled by a judge who saw neither the systems nor the
 * gold: 2 answers the question, 1 is on its topic without answering it, 0 is beside the point. A hit is a shown
 * snippet labelled 2. Snippets the judges never saw (the ranking changed since) count as misses and are counted, so
 * the figure is a floor until they are judged: --unjudged writes them out for a judge (one question a line:
 * {id, q, passages: [{n, text}]}), and --add merges the judge's labels back ({id, labels: {n: 0|1|2}} a line).
 *
 *   npm run eval:judged [-- check|tune]
 *   npm run eval:judged -- tune --unjudged pool.jsonl
 *   npm run eval:judged -- tune --add pool.jsonl labels.jsonl
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { buildIndex } from '../src/search/buildIndex.js';
import { defaultMiniSearch } from './eval/baselines.js';

type Label = 0 | 1 | 2;

interface Judged {
  id: string;
  set: string;
  q: string;
  passages: { label: Label; text: string }[];
}

interface ToJudge {
  id: string;
  q: string;
  passages: { n: number; text: string }[];
}

const USAGE = `Usage: npm run eval:judged [-- check|tune] [--unjudged <pool out>] [--add <pool> <labels>]`;
/** How many snippets a person reads: hit@3 is over the first three. */
const SHOWN = 3;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { unjudged: { type: 'string' }, add: { type: 'string' } },
});
const [half = 'check', labelsFile] = positionals;
if ((half !== 'check' && half !== 'tune') || (values.add !== undefined) !== (labelsFile !== undefined)) {
  console.error(USAGE);
  process.exit(2);
}
const judgedFile = `eval/judged/${half}.jsonl`;
const readLines = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
const judged = readLines<Judged>(judgedFile);

if (values.add !== undefined && labelsFile !== undefined) {
  const labels = new Map(readLines<{ id: string; labels: Record<string, Label> }>(labelsFile).map((l) => [l.id, l]));
  let added = 0;
  for (const asked of readLines<ToJudge>(values.add)) {
    const row = judged.find((j) => j.id === asked.id);
    const given = labels.get(asked.id)?.labels;
    if (!row || !given) throw new Error(`${asked.id}: no such question in ${judgedFile}, or no labels for it`);
    for (const { n, text } of asked.passages) {
      const label = given[String(n)];
      if (label !== 0 && label !== 1 && label !== 2)
        throw new Error(`${asked.id}: passage ${n} has no label 0, 1 or 2`);
      if (row.passages.some((p) => p.text === text)) continue;
      row.passages.push({ label, text });
      added++;
    }
  }
  writeFileSync(judgedFile, `${judged.map((j) => JSON.stringify(j)).join('\n')}\n`);
  console.log(`${added} labels added to ${judgedFile}`);
  process.exit(0);
}

const corpus = await loadCorpus('corpus');
const index = buildIndex(corpus);
const systems: [string, (q: string) => string[]][] = [
  ['bot', (q) => answerQuestion(index, q, { publicUrl: 'x' }).passages.map((p) => p.snippet.text)],
  ['MiniSearch', defaultMiniSearch(corpus)],
];
const shownBy = (j: Judged) => systems.flatMap(([, answer]) => answer(j.q).slice(0, SHOWN));
const labelOf = (j: Judged, text: string) => j.passages.find((p) => p.text === text)?.label;

if (values.unjudged !== undefined) {
  const pool: ToJudge[] = [];
  for (const j of judged) {
    const fresh = [...new Set(shownBy(j).filter((text) => labelOf(j, text) === undefined))];
    if (fresh.length > 0) pool.push({ id: j.id, q: j.q, passages: fresh.map((text, i) => ({ n: i + 1, text })) });
  }
  writeFileSync(values.unjudged, pool.map((p) => `${JSON.stringify(p)}\n`).join(''));
  console.log(`${pool.reduce((n, p) => n + p.passages.length, 0)} snippets of ${pool.length} questions to judge`);
  process.exit(0);
}

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
          const label = labelOf(j, text);
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
