/**
 * Scores follow-ups in threads (eval/followups.jsonl): for each pair of a thread's first question and a follow-up,
 * whether the best passage answers the follow-up (holds 80% of an expected phrase's words, the rule of the main
 * eval), read on its own and read with the first question as context the way the Q&A channels do. Pairs marked
 * `standalone` must not get worse with context. Prints hit@1 both ways; with --check, exits 1 when context does not
 * help the thin follow-ups or harms a standalone one.
 *
 *   npm run eval:followups [-- --check] [--misses]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerInChannel } from '../src/channels/answerInChannel.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { buildIndex, type SearchIndex } from '../src/search/buildIndex.js';
import { holds } from './eval/gold.js';

export interface FollowUpPair {
  id: string;
  first: string;
  q: string;
  expect: string[];
  /** A follow-up that stands on its own: context must leave its answer right. */
  standalone?: boolean;
}

export interface FollowUpResult {
  pair: FollowUpPair;
  alone: boolean;
  withContext: boolean;
}

export function readPairs(file: string): FollowUpPair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FollowUpPair);
}

/** The best passage's snippet for `question`, as a thread answer (no confidence bar: this measures retrieval). */
function topSnippet(index: SearchIndex, question: string, threadQuestion?: string): string {
  const { answer } = answerInChannel(index, question, {
    publicUrl: 'https://eval.invalid',
    ...(threadQuestion ? { threadQuestion } : {}),
  });
  return answer.passages[0]?.snippet.text ?? '';
}

export function scoreFollowUps(index: SearchIndex, pairs: readonly FollowUpPair[]): FollowUpResult[] {
  return pairs.map((pair) => {
    const hit = (snippet: string) => pair.expect.some((phrase) => holds(snippet, phrase));
    return { pair, alone: hit(topSnippet(index, pair.q)), withContext: hit(topSnippet(index, pair.q, pair.first)) };
  });
}

export function summarize(results: readonly FollowUpResult[]) {
  const share = (list: readonly FollowUpResult[], key: 'alone' | 'withContext') =>
    list.length === 0 ? 0 : list.filter((r) => r[key]).length / list.length;
  const thin = results.filter((r) => !r.pair.standalone);
  const standalone = results.filter((r) => r.pair.standalone);
  return {
    thin: { pairs: thin.length, hit1Alone: share(thin, 'alone'), hit1WithContext: share(thin, 'withContext') },
    standalone: {
      pairs: standalone.length,
      hit1Alone: share(standalone, 'alone'),
      hit1WithContext: share(standalone, 'withContext'),
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const index = buildIndex(await loadCorpus(join(import.meta.dirname, '..', 'corpus')));
  const results = scoreFollowUps(index, readPairs(join(import.meta.dirname, '..', 'eval', 'followups.jsonl')));
  const s = summarize(results);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`follow-ups      pairs  hit@1 alone  hit@1 with context`);
  console.log(
    `thin            ${String(s.thin.pairs).padStart(5)}  ${pct(s.thin.hit1Alone).padStart(11)}  ${pct(s.thin.hit1WithContext).padStart(18)}`,
  );
  console.log(
    `standalone      ${String(s.standalone.pairs).padStart(5)}  ${pct(s.standalone.hit1Alone).padStart(11)}  ${pct(s.standalone.hit1WithContext).padStart(18)}`,
  );
  if (argv.includes('--misses')) {
    for (const r of results) if (!r.withContext) console.log(`miss ${r.pair.id}: ${r.pair.first} → ${r.pair.q}`);
  }
  if (!argv.includes('--check')) return 0;
  const worse = results.filter((r) => r.pair.standalone && r.alone && !r.withContext);
  const helps = s.thin.hit1WithContext > s.thin.hit1Alone;
  if (!helps) console.error('context does not raise hit@1 on thin follow-ups');
  for (const r of worse) console.error(`context harms standalone follow-up ${r.pair.id}`);
  return helps && worse.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
