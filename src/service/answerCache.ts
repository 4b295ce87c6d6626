import { LRUCache } from 'lru-cache';
import { cleanQuestion } from '../answer/answerQuestion.js';
import type { Answer } from '../answer/types.js';
import type { SearchIndex } from '../search/buildIndex.js';

/**
 * Distinct questions whose answers are remembered per index. New hires ask the same things ("what does a DevOps
 * developer do"), and an answer depends only on the index and the question, so a repeat costs a lookup.
 */
export const ANSWER_CACHE_MAX = 1_000;

/** Freezes an answer and everything in it: a cached answer is shared by every caller, so none may change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Remembers answers by index and question. Each index has its own cache, held weakly: a corpus reload swaps in a
 * new index, so no answer from the old corpus is ever served, and the old cache goes with the old index.
 */
export function createAnswerCache(max = ANSWER_CACHE_MAX) {
  const caches = new WeakMap<SearchIndex, LRUCache<string, Answer>>();
  return {
    answer(index: SearchIndex, question: string, offset: number, compute: () => Answer): Answer {
      if (max <= 0) return compute();
      let cache = caches.get(index);
      if (!cache) caches.set(index, (cache = new LRUCache<string, Answer>({ max })));
      const key = `${offset}\u0000${cleanQuestion(question)}`;
      let answer = cache.get(key);
      if (!answer) cache.set(key, (answer = deepFreeze(compute())));
      return answer;
    },
  };
}
