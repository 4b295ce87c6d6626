/**
 * Benchmark questions. Timing the same few dozen questions thousands of times would flatter any engine with a
 * cache (ours memoizes word stems, for one), so the gold questions are varied the way people vary them: a word
 * dropped, words in another order, a typo, a last word still being typed. Seeded: every run asks the same ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus } from '../src/corpus/types.js';
import { seededRandom, type Random } from './support/random.js';

/** The gold questions of eval/*.jsonl (dev.jsonl, and extra.jsonl when present), in file order. */
export function goldQuestions(evalDir = 'eval'): string[] {
  const files = readdirSync(evalDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  return files.flatMap((file) =>
    readFileSync(join(evalDir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { q: string }).q),
  );
}

const words = (q: string) => q.split(/\s+/).filter(Boolean);

/** One way people rephrase: each takes the words of a question and returns new words (or the same). */
const VARIATIONS: readonly ((w: string[], r: Random) => string[])[] = [
  (w) => w,
  (w, r) => (w.length > 2 ? w.filter((_, i) => i !== r.int(0, w.length - 1)) : w),
  (w, r) => r.shuffle(w),
  (w, r) => {
    if (w.length < 2) return w;
    const i = r.int(0, w.length - 2);
    return [...w.slice(0, i), w[i + 1]!, w[i]!, ...w.slice(i + 2)];
  },
  // A typo: two adjacent letters swapped in a long word (the fuzzy path).
  (w, r) => {
    const long = w.map((x, i) => [x, i] as const).filter(([x]) => x.length >= 6);
    if (long.length === 0) return w;
    const [word, at] = r.pick(long);
    const i = r.int(1, word.length - 3);
    const typo = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    return w.map((x, j) => (j === at ? typo : x));
  },
  // Still typing: the last word cut short (the prefix path of autocomplete-like input).
  (w, r) => {
    const last = w.at(-1) ?? '';
    return last.length >= 5 ? [...w.slice(0, -1), last.slice(0, r.int(3, last.length - 1))] : w;
  },
];

/**
 * `count` questions made from `base`: each base question first as asked, then seeded variations (one or two
 * applied), distinct where possible; cycles through repeats only when the variations run out.
 */
export function questionSet(base: readonly string[], count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (q: string) => {
    if (q && !seen.has(q)) {
      seen.add(q);
      out.push(q);
    }
  };
  for (const q of base) add(q);
  for (let attempts = 0; out.length < count && attempts < count * 20; attempts++) {
    let w = words(random.pick(base));
    for (let n = random.int(1, 2); n > 0; n--) w = random.pick(VARIATIONS)(w, random);
    add(w.join(' '));
  }
  const unique = out.length;
  for (let i = 0; out.length < count; i++) out.push(out[i % unique]!);
  return random.shuffle(out).slice(0, count);
}

/**
 * Questions for a corpus the gold questions were not written for: a run of 3–7 words from a random passage,
 * each then varied like the gold ones, plus one gold question in five (which that corpus should decline).
 */
export function corpusQuestions(corpus: Corpus, gold: readonly string[], count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const base: string[] = [];
  for (let i = 0; i < Math.max(50, Math.ceil(count / 4)); i++) {
    const w = words(random.pick(corpus.passages).text.replace(/[^\p{L}\p{N}'\s-]+/gu, ' '));
    const length = Math.min(w.length, random.int(3, 7));
    const start = random.int(0, Math.max(0, w.length - length));
    base.push(
      w
        .slice(start, start + length)
        .join(' ')
        .toLowerCase(),
    );
  }
  const fromCorpus = questionSet(base, Math.ceil(count * 0.8), seed + 1);
  const fromGold = questionSet(gold, count - fromCorpus.length, seed + 2);
  return random.shuffle([...fromCorpus, ...fromGold]);
}
