import { LRUCache } from 'lru-cache';
import { cleanQuestion } from '../answer/answerQuestion.js';
import type { Answer } from '../answer/types.js';
import type { SearchIndex } from '../search/buildIndex.js';

/**
 * Distinct questions whose answers are remembered per index. New hires ask the same things ("what does a DevOps
 * developer do"), and an answer depends only on the index and the question, so a repeat costs a lookup.
 */
export const ANSWER_CACHE_MAX = 1_000;

/**
 * Share of the cache that holds answers to questions seen once (the rest holds questions seen again): a question
 * repeated soon after is still served from memory, while a stream of one-off questions churns only this window.
 */
export const ANSWER_CACHE_WINDOW_SHARE = 0.05;

/**
 * Questions the doorkeeper remembers having seen, as 32-bit hashes in one typed array (32 KB, off the JavaScript
 * heap). A question seen again within about this many others goes to the main part of the cache.
 */
export const DOORKEEPER_SLOTS = 8_192;

/** Freezes an answer and everything in it: a cached answer is shared by every caller, so none may change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** FNV-1a over the UTF-16 code units, never 0 (0 marks an empty doorkeeper slot). */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 1;
}

/**
 * Which questions were seen before: one hash per slot, a new question overwriting whatever shared its slot. It can
 * forget a question (then its answer waits for one more sighting) and, rarely, mistake one question for another
 * (then a one-off answer is kept); neither changes an answer.
 */
function createDoorkeeper(slots: number) {
  const seen = new Int32Array(slots);
  return {
    /** Whether `hash` was seen before; remembers it either way. */
    sighted(hash: number): boolean {
      const slot = (hash >>> 0) % slots;
      if (seen[slot] === hash) return true;
      seen[slot] = hash;
      return false;
    },
  };
}

/** One index's answers: a small window for questions seen once, the main part for questions seen again. */
function createIndexCache(max: number) {
  const windowMax = Math.max(1, Math.round(max * ANSWER_CACHE_WINDOW_SHARE));
  const window = new LRUCache<string, Answer>({ max: windowMax });
  const main = max > windowMax ? new LRUCache<string, Answer>({ max: max - windowMax }) : undefined;
  const doorkeeper = createDoorkeeper(DOORKEEPER_SLOTS);
  return (key: string, compute: () => Answer): Answer => {
    const kept = main?.get(key);
    if (kept) return kept;
    const recent = window.get(key);
    if (recent) {
      // Asked again while still in the window: a recurring question.
      window.delete(key);
      main?.set(key, recent);
      return recent;
    }
    const answer = deepFreeze(compute());
    // A one-off question (most of them, under a stream of distinct questions) goes to the window only, so its answer
    // is garbage within moments instead of living on in the main part, where V8 would have moved it into the old
    // generation first; a question the doorkeeper saw before goes straight to the main part.
    if (doorkeeper.sighted(hashOf(key)) && main) main.set(key, answer);
    else window.set(key, answer);
    return answer;
  };
}

/**
 * Remembers answers by index and question. Each index has its own cache, held weakly: a corpus reload swaps in a
 * new index, so no answer from the old corpus is ever served, and the old cache goes with the old index. Admission
 * follows the window-and-doorkeeper design of W-TinyLFU: an answer enters a small window first and the main part
 * only once its question is seen again, so one-off questions cannot push recurring ones out.
 */
export function createAnswerCache(max = ANSWER_CACHE_MAX) {
  const caches = new WeakMap<SearchIndex, ReturnType<typeof createIndexCache>>();
  return {
    answer(index: SearchIndex, question: string, offset: number, compute: () => Answer): Answer {
      if (max <= 0) return compute();
      let cache = caches.get(index);
      if (!cache) caches.set(index, (cache = createIndexCache(max)));
      return cache(`${offset}\u0000${cleanQuestion(question)}`, compute);
    },
  };
}
