/**
 * Scores retrieval on the project's gold questions (`eval/*.jsonl`) with the shared scorer's rules, in-process:
 * every set and split separately, per question style, against default MiniSearch and lunr; what one typo per
 * question costs, and what chat styles cost the article-worded questions; the precision and recall of the decline
 * at every floor and, with --ablate, what each part of the ranking adds.
 *
 *   npm run eval [-- eval/chat.jsonl ...] [--misses] [--check] [--ablate]
 *
 * --check compares every figure with `eval/floors.json` and exits 1 below a floor (npm test runs it).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { toAnswerJson } from '../src/answer/toAnswerJson.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { buildIndex, type SearchIndex } from '../src/search/buildIndex.js';
import { DECLINE_FLOOR, RANKING_FEATURES, rankPassages, type RankingFeature } from '../src/search/rankPassages.js';
import { defaultLunr, defaultMiniSearch } from './eval/baselines.js';
import { readGold, splitOf, type Gold } from './eval/gold.js';
import { declineCurve } from './eval/declineCurve.js';
import { score, type AnswerSnippets, type Figures } from './eval/score.js';
import { withTypos } from './eval/typoNoise.js';
import { CHAT_STYLES, type ChatStyle, inChatStyle } from './eval/chatStyles.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    misses: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    ablate: { type: 'boolean', default: false },
  },
});

/** A set as reported: a whole file, or one split of a file that has both halves. */
interface Part {
  name: string;
  gold: Gold[];
}

function partsOf(file: string): Part[] {
  const gold = readGold(file);
  const tune = gold.filter((g) => splitOf(g.id) === 'tune');
  const check = gold.filter((g) => splitOf(g.id) === 'check');
  // Only sets written for tuning and checking are split; the older sets are reported whole, as before.
  if (!file.includes('chat')) return [{ name: file, gold }];
  return [
    { name: `${file}:tune`, gold: tune },
    { name: `${file}:check`, gold: check },
  ];
}

const bot =
  (index: SearchIndex, without: RankingFeature[] = []): AnswerSnippets =>
  (question) =>
    toAnswerJson(answerQuestion(index, question, { publicUrl: 'http://localhost', without })).answers.map(
      (a) => a.snippet,
    );

/** Rounds of seeded typos: one round moves with the few words it happens to pick. */
const TYPO_SEEDS = [1, 2, 3];

const pct = (x: number) => x.toFixed(3);
const row = (name: string, system: string, f: Figures) =>
  `${name.padEnd(24)} ${system.padEnd(11)} ${String(f.questions).padStart(4)}  ${pct(f.hit1)}  ${pct(f.hit3)}  ${pct(f.mrr)}  ${pct(f.answered)}    ${pct(f.declined)}`;
const header = `${'set'.padEnd(24)} ${'system'.padEnd(11)} ${'n'.padStart(4)}  hit@1  hit@3  mrr@5  answered declined`;

async function main(): Promise<number> {
  const files =
    positionals.length > 0
      ? positionals
      : readdirSync('eval')
          // Follow-ups are pairs read with their thread's first question: eval-followups.ts scores them.
          .filter((f) => f.endsWith('.jsonl') && f !== 'followups.jsonl')
          .sort()
          .map((f) => join('eval', f));
  const floors = values.check
    ? (JSON.parse(readFileSync('eval/floors.json', 'utf8')) as Record<string, Partial<Figures>>)
    : {};
  const corpusDir = process.env.CORPUS_DIR || 'corpus';
  const started = performance.now();
  const corpus = await loadCorpus(corpusDir);
  const index = buildIndex(corpus);
  console.log(
    `corpus ${corpusDir}: ${corpus.documents.length} documents, ${corpus.passages.length} passages, indexed in ${(performance.now() - started).toFixed(0)} ms`,
  );

  const systems: [string, AnswerSnippets][] = [
    ['bot', bot(index)],
    ['MiniSearch', defaultMiniSearch(corpus)],
    ['lunr', defaultLunr(corpus)],
  ];
  const parts = files.flatMap(partsOf);
  const failures: string[] = [];
  let answers = 0;
  let answerMs = 0;

  console.log(`\n${header}`);
  for (const part of parts) {
    for (const [system, answer] of systems) {
      const figures = score(answer, part.gold);
      console.log(row(part.name, system, figures));
      if (system !== 'bot') continue;
      answers += figures.questions;
      answerMs += figures.ms;
      for (const [key, floor] of Object.entries(floors[part.name] ?? {})) {
        const figure = figures[key as keyof Figures];
        if (!(figure >= floor)) failures.push(`${part.name} ${key} ${pct(figure)} < ${floor}`);
      }
      if (values.misses) for (const miss of figures.misses) console.log(`  miss ${miss}`);
    }
  }
  console.log(
    `${(answerMs / Math.max(1, answers)).toFixed(3)} ms per answer (in-process, including snippets and citations)`,
  );

  // Per style, on every split set (the hidden set's styles are the same seven plus two kinds of out-of-scope).
  for (const part of parts.filter((p) => p.gold.some((g) => g.style))) {
    console.log(`\nby style, ${part.name}\n${header}`);
    const styles = [...new Set(part.gold.map((g) => g.style ?? 'other'))].sort();
    for (const style of styles) {
      const gold = part.gold.filter((g) => (g.style ?? 'other') === style);
      for (const [system, answer] of systems) console.log(row(style, system, score(answer, gold)));
    }
  }

  // One seeded slip of the finger in every answerable question of the split sets: what a typo costs, measured on
  // far more questions than the few written as typos.
  console.log(
    `\none typo per answerable question (${TYPO_SEEDS.length} seeded rounds), hit@1: as written -> with the typo`,
  );
  for (const part of parts.filter((p) => p.gold.some((g) => g.style))) {
    const cells = systems.map(([system, answer]) => {
      const asWritten = score(
        answer,
        part.gold.filter((g) => g.expect),
      ).hit1;
      const misspelt = TYPO_SEEDS.flatMap((seed) => withTypos(part.gold, seed));
      return `${system} ${pct(asWritten)} -> ${pct(score(answer, misspelt).hit1)}`;
    });
    console.log(`${part.name.padEnd(24)} ${cells.join('   ')}`);
  }

  // The article-worded sets rewritten in chat styles, the same words with what chat puts around them.
  const worded = parts.filter((p) => !p.gold.some((g) => g.style));
  if (worded.length > 0) {
    console.log(
      `\narticle-worded questions in chat styles (${worded.map((p) => p.name).join(' + ')}), hit@1 / answered`,
    );
    const gold = worded.flatMap((p) => p.gold);
    for (const [system, answer] of systems) {
      const cells = ['as written', ...Object.keys(CHAT_STYLES)].map((style) => {
        const asked = style === 'as written' ? gold.filter((g) => g.expect) : inChatStyle(gold, style as ChatStyle);
        const f = score(answer, asked);
        return `${style} ${pct(f.hit1)} / ${pct(f.answered)}`;
      });
      console.log(`${system.padEnd(11)} ${cells.join('   ')}`);
    }
  }

  // The decline's precision and recall at every floor: the share of answerable questions answered, and of the
  // others declined. The floor in use is DECLINE_FLOOR.
  for (const part of parts.filter((p) => p.gold.some((g) => !g.expect))) {
    console.log(
      `\ndecline curve, ${part.name} (floor in use ${DECLINE_FLOOR}): floor -> answered (in scope) / declined (out of scope)`,
    );
    const curve = declineCurve(part.gold, (q) => rankPassages(index, q).confidence);
    console.log(curve.map((p) => `  ${p.floor.toFixed(2)}  ${pct(p.answered)} / ${pct(p.declined)}`).join('\n'));
  }

  if (values.ablate) {
    console.log(`\nablation: hit@1 / hit@3 / answered / declined with one part of the ranking switched off`);
    const columns = parts.map((p) => p.name);
    console.log(`${'without'.padEnd(22)} ${columns.map((c) => c.padEnd(27)).join(' ')}`);
    for (const feature of [undefined, ...RANKING_FEATURES]) {
      const answer = bot(index, feature ? [feature] : []);
      const cells = parts.map((p) => {
        const f = score(answer, p.gold);
        return `${pct(f.hit1)} ${pct(f.hit3)} ${pct(f.answered)} ${pct(f.declined)}`.padEnd(27);
      });
      console.log(`${(feature ?? '(all on)').padEnd(22)} ${cells.join(' ')}`);
    }
  }

  if (failures.length > 0) {
    console.log(`\nbelow the floor: ${failures.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
