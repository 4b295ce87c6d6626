/**
 * Reading a follow-up in a thread with the thread's first question as context. "and what tools do they use?"
 * after "what does a DevOps developer do" means DevOps tools; "what is Kubernetes?" means Kubernetes wherever it
 * is asked. So only a thin follow-up borrows context: one that leans on the earlier question with a pronoun or a
 * connective, or that has too few words of its own to stand alone.
 */

/** Pronouns and determiners that point back at something named earlier in the thread. */
const POINTING_BACK = new Set([
  'they',
  'them',
  'their',
  'theirs',
  'it',
  'its',
  'this',
  'that',
  'these',
  'those',
  'he',
  'she',
  'his',
  'her',
  'one',
  'ones',
  'there',
  'such',
  'same',
  'else',
]);

/** Openings that continue the earlier question rather than start a new one. */
const CONTINUING = /^(?:and|also|but|so|then|plus|or|what about|how about|and what|and how|what else|anything else)\b/;

/** Words that say nothing about the subject, so they do not make a follow-up stand on its own. */
const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'so',
  'of',
  'to',
  'in',
  'on',
  'for',
  'with',
  'at',
  'by',
  'from',
  'about',
  'what',
  'which',
  'who',
  'how',
  'why',
  'when',
  'where',
  'is',
  'are',
  'was',
  'were',
  'be',
  'do',
  'does',
  'did',
  'can',
  'could',
  'should',
  'would',
  'will',
  'i',
  'you',
  'we',
  'me',
  'my',
  'your',
  'our',
  'use',
  'need',
  'more',
  'else',
  'also',
  'then',
  'any',
  'some',
  'usually',
  'typically',
  'really',
  'there',
  'have',
  'has',
]);

/** Fewer own content words than this and a follow-up cannot stand alone ("why?", "how so?"). */
export const MIN_STANDALONE_WORDS = 1;

/** True when `followUp` needs the thread's first question to be understood. */
export function isThinFollowUp(followUp: string): boolean {
  const plain = followUp.toLowerCase().replace(/’/g, "'").trim();
  const words = plain.match(/[\p{L}\p{N}']+/gu) ?? [];
  if (CONTINUING.test(plain)) return true;
  if (words.some((w) => POINTING_BACK.has(w))) return true;
  return words.filter((w) => !FUNCTION_WORDS.has(w)).length < MIN_STANDALONE_WORDS;
}

/**
 * The text to search for a follow-up: the follow-up itself when it stands alone, else the first question and the
 * follow-up together, follow-up last so its own words lead what the answer is about.
 */
export function questionInThread(followUp: string, firstQuestion: string | undefined): string {
  if (firstQuestion === undefined || firstQuestion.trim() === '' || !isThinFollowUp(followUp)) return followUp;
  return `${firstQuestion.trim()} ${followUp.trim()}`;
}
