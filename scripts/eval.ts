/**
 * Scores retrieval on the project's gold questions with the rules of the shared gold-question scorer (a hit is a snippet
 * holding 80% of an expected phrase's words), in-process. Prints hit@1, hit@3, MRR@5, answered and declined per
 * file and overall; with --min-hit1 X (and hit3, answered, declined) it exits 1 below a floor, for CI.
 *
 *   npm run eval [-- eval/dev.jsonl ...] [--min-hit1 0.85] [--misses]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { toAnswerJson } from '../src/answer/toAnswerJson.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { buildIndex } from '../src/search/buildIndex.js';

interface Gold {
  id: string;
  q: string;
  expect?: string[];
  alt?: { expect: string[] }[];
}

/** score.mjs's word folding, kept identical so figures agree with it. */
const words = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u2018\u2019\u201c\u201d]/g, "'")
    .replace(/[^a-z0-9₹$%]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

function holds(snippet: string, phrase: string): boolean {
  const have = new Map<string, number>();
  for (const w of words(snippet)) have.set(w, (have.get(w) ?? 0) + 1);
  const want = words(phrase);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return want.length > 0 && found / want.length >= 0.8;
}

interface Figures {
  questions: number;
  hit1: number;
  hit3: number;
  mrr: number;
  answered: number;
  declined: number;
}

async function main(argv: string[]): Promise<number> {
  const min: Record<string, number> = {};
  const files: string[] = [];
  const showMisses = argv.includes('--misses');
  const check = argv.includes('--check');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--min-')) min[arg.slice(6)] = Number(argv[++i]);
    else if (arg !== '--misses' && arg !== '--check') files.push(arg);
  }
  const floors = check ? (JSON.parse(readFileSync('eval/floors.json', 'utf8')) as Record<string, Partial<Figures>>) : {};
  const failures: string[] = [];
  if (files.length === 0) files.push(...readdirSync('eval').filter((f) => f.endsWith('.jsonl')).map((f) => join('eval', f)));

  const corpusDir = process.env.CORPUS_DIR ?? 'corpus';
  const t0 = performance.now();
  const index = buildIndex(await loadCorpus(corpusDir));
  const buildMs = performance.now() - t0;

  const all: Gold[] = [];
  const rows: string[] = [];
  const score = (gold: Gold[]): Figures & { misses: string[]; ms: number } => {
    let inDomain = 0, hit1 = 0, hit3 = 0, rr = 0, answered = 0, ood = 0, declined = 0;
    const misses: string[] = [];
    const started = performance.now();
    for (const g of gold) {
      const answers = toAnswerJson(answerQuestion(index, g.q, { publicUrl: 'http://localhost' })).answers;
      if (!g.expect) {
        ood++;
        if (answers.length === 0) declined++;
        else misses.push(`${g.id} answered out-of-scope: ${g.q}`);
        continue;
      }
      inDomain++;
      if (answers.length > 0) answered++;
      const phrases = [g.expect, ...(g.alt ?? []).map((a) => a.expect)].flat();
      const rank = answers.slice(0, 5).findIndex((a) => a.snippet.length <= 700 && phrases.some((p) => holds(a.snippet, p)));
      if (rank === 0) hit1++;
      if (rank >= 0 && rank < 3) hit3++;
      if (rank >= 0) rr += 1 / (rank + 1);
      if (rank !== 0) misses.push(`${g.id} rank ${rank < 0 ? '-' : rank + 1}: ${g.q}`);
    }
    const ms = performance.now() - started;
    const f = (x: number, n: number) => (n ? x / n : 1);
    return { questions: gold.length, hit1: f(hit1, inDomain), hit3: f(hit3, inDomain), mrr: f(rr, inDomain), answered: f(answered, inDomain), declined: f(declined, ood), misses, ms };
  };
  const line = (name: string, r: Figures) =>
    `${name.padEnd(22)} ${String(r.questions).padStart(4)}  ${r.hit1.toFixed(3)}  ${r.hit3.toFixed(3)}  ${r.mrr.toFixed(3)}  ${r.answered.toFixed(3)}    ${r.declined.toFixed(3)}`;

  for (const file of files) {
    const gold = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Gold);
    all.push(...gold);
    const r = score(gold);
    rows.push(line(file, r));
    for (const [k, v] of Object.entries(floors[file] ?? {})) {
      const figure = r[k as keyof Figures];
      if (!(figure >= v)) failures.push(`${file} ${k} ${figure.toFixed(3)} < ${v}`);
    }
    if (showMisses) for (const m of r.misses) rows.push(`  miss ${m}`);
  }
  const total = score(all);
  console.log(`corpus ${corpusDir}: ${index.corpus.documents.length} documents, ${index.corpus.passages.length} passages, indexed in ${buildMs.toFixed(0)} ms`);
  console.log(`${'file'.padEnd(22)} ${'n'.padStart(4)}  hit@1  hit@3  mrr@5  answered declined`);
  for (const r of rows) console.log(r);
  console.log(line('all', total));
  console.log(`${(total.ms / Math.max(1, total.questions)).toFixed(3)} ms per answer (in-process, including snippets and citations)`);
  const key: Record<string, keyof Figures> = { hit1: 'hit1', hit3: 'hit3', answered: 'answered', declined: 'declined', mrr: 'mrr' };
  for (const [k, v] of Object.entries(min)) {
    const figure = total[key[k] ?? 'hit1'];
    if (!(figure >= v)) failures.push(`all ${k} ${figure.toFixed(3)} < ${v}`);
  }
  if (failures.length > 0) {
    console.log(`below the floor: ${failures.join(', ')}`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
