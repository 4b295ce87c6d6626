/**
 * Fits the answerability model (src/search/answerability.ts) and the decline floor (DECLINE_FLOOR) on the tune
 * questions, and prints them with what they give on every split. Nothing is written: the figures are copied into the
 * source by hand, so a change to them is a reviewed commit.
 *
 *   npm run fit-decline
 *
 * The model: L2-regularized logistic regression (strength 1 on standardized inputs, intercept free), fitted by
 * Newton's method, predicting whether a question is in scope (the corpus answers it) from the evidence of the best
 * passage. The floor: the probability that best meets both goals on the tune questions, answered >= 0.90 and
 * declined >= 0.85 (the larger of the two shortfalls is made smallest).
 */
import type { AnswerabilityEvidence } from '../src/search/answerability.js';
import { buildIndexFromFolder } from '../src/index/buildIndexFromFolder.js';
import { rankPassages } from '../src/search/rankPassages.js';
import { type Gold, readGold, type Split, splitOf } from './eval/gold.js';

const TUNE_SETS = ['eval/chat.jsonl', 'eval/chat2.jsonl', 'eval/chat3.jsonl'];
const WHOLE_TUNE_SETS = ['eval/dev.jsonl'];
const CHECK_SETS = ['eval/extra.jsonl'];
const GOALS = { answered: 0.9, declined: 0.85 };
const L2 = 1;

interface Example {
  set: string;
  split: Split | 'whole';
  inScope: boolean;
  x: number[];
}

const inputs = (e: AnswerabilityEvidence) => [e.coverage, e.heaviestShare, Math.log1p(e.ideas)];
const INPUT_NAMES = ['coverage', 'heaviestShare', 'ideas (ln 1+n)'];

const index = await buildIndexFromFolder('corpus');
const examples: Example[] = [];
const add = (set: string, gold: Gold[], split: (g: Gold) => Example['split']) => {
  for (const g of gold) {
    examples.push({ set, split: split(g), inScope: !!g.expect, x: inputs(rankPassages(index, g.q).evidence) });
  }
};
for (const set of TUNE_SETS) add(set, readGold(set), (g) => splitOf(g.id));
for (const set of [...WHOLE_TUNE_SETS, ...CHECK_SETS]) add(set, readGold(set), () => 'whole');
const isTune = (e: Example) => e.split === 'tune' || WHOLE_TUNE_SETS.includes(e.set);
const tune = examples.filter(isTune);

const { weights, intercept } = fitLogistic(
  tune.map((e) => e.x),
  tune.map((e) => (e.inScope ? 1 : 0)),
);
const probability = (x: number[]) => 1 / (1 + Math.exp(-(intercept + x.reduce((s, v, i) => s + v * weights[i]!, 0))));

const rates = (group: Example[], floor: number) => {
  const inScope = group.filter((e) => e.inScope);
  const outOfScope = group.filter((e) => !e.inScope);
  const answered = inScope.filter((e) => probability(e.x) >= floor).length / Math.max(1, inScope.length);
  const declined = outOfScope.filter((e) => probability(e.x) < floor).length / Math.max(1, outOfScope.length);
  return { answered, declined };
};
const meetsGoals = ({ answered, declined }: { answered: number; declined: number }) =>
  Math.min(answered / GOALS.answered, declined / GOALS.declined) + 0.01 * (answered + declined);
let floor = 0.5;
for (let f = 0.2; f <= 0.9001; f += 0.01) if (meetsGoals(rates(tune, f)) > meetsGoals(rates(tune, floor))) floor = f;

console.log(`fitted on ${tune.length} questions (tune halves of ${TUNE_SETS.join(', ')}; ${WHOLE_TUNE_SETS})`);
console.log(`  intercept ${intercept.toFixed(2)}`);
for (const [i, name] of INPUT_NAMES.entries()) console.log(`  ${name} ${weights[i]!.toFixed(2)}`);
console.log(`  floor ${floor.toFixed(2)}\n\nset                      answered declined`);
const groups = new Map<string, Example[]>();
for (const e of examples) {
  const key = e.split === 'whole' ? e.set : `${e.set}:${e.split}`;
  groups.set(key, [...(groups.get(key) ?? []), e]);
}
for (const [key, group] of groups) {
  const r = rates(group, floor);
  console.log(`${key.padEnd(24)} ${r.answered.toFixed(3).padStart(8)} ${r.declined.toFixed(3).padStart(8)}`);
}

/**
 * Logistic regression by Newton's method on standardized inputs, with an L2 penalty on the weights (not the
 * intercept); returns the weights in the inputs' own units.
 */
function fitLogistic(rows: number[][], labels: number[]): { weights: number[]; intercept: number } {
  const d = rows[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
  const sd = Array.from({ length: d }, (_, j) =>
    Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / rows.length),
  );
  const z = rows.map((r) => [1, ...r.map((v, j) => (v - mean[j]!) / sd[j]!)]);
  const beta = new Array(d + 1).fill(0) as number[];
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = beta.map((b, j) => (j === 0 ? 0 : L2 * b));
    const hessian = beta.map((_, j) => beta.map((__, k) => (j === k && j > 0 ? L2 : 0)));
    z.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * beta[j]!, 0)));
      for (let j = 0; j <= d; j++) {
        gradient[j]! += (p - labels[i]!) * x[j]!;
        for (let k = 0; k <= d; k++) hessian[j]![k]! += p * (1 - p) * x[j]! * x[k]!;
      }
    });
    const step = solve(hessian, gradient);
    beta.forEach((_, j) => {
      beta[j]! -= step[j]!;
    });
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  const weights = beta.slice(1).map((b, j) => b / sd[j]!);
  const intercept = beta[0]! - weights.reduce((s, w, j) => s + w * mean[j]!, 0);
  return { weights, intercept };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}
