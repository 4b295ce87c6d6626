/**
 * Whether a message in a Q&A channel asks something, decided by its text alone. A bot that answers "thanks!" or an
 * announcement gets muted, so the rule errs towards silence: a question mark, or an opening that asks (an
 * interrogative, an inverted auxiliary, or a request such as "can someone explain").
 */

/** Words that open a question when they come first: interrogatives and inverted auxiliaries. */
const QUESTION_OPENERS = new Set([
  'what',
  "what's",
  'whats',
  'why',
  'how',
  "how's",
  'when',
  'where',
  "where's",
  'which',
  'who',
  "who's",
  'whom',
  'whose',
  'is',
  'are',
  'am',
  'was',
  'were',
  "isn't",
  "aren't",
  'can',
  'could',
  "can't",
  'should',
  'would',
  'will',
  'shall',
  'may',
  'might',
  'do',
  'does',
  'did',
  "don't",
  "doesn't",
  'has',
  'have',
  'had',
]);

/** Openings that ask for help without a question mark ("anyone know…", "please explain…"). */
const REQUEST_OPENINGS =
  /^(?:anyone|anybody|someone|somebody)\b|^(?:any|some) (?:idea|ideas|tips?|pointers?|advice|docs?)\b|^(?:please )?(?:explain|describe|tell me|help me|show me)\b|^i(?:'m| am)? (?:need|wonder|wondering|looking for|want to know|would like to know|don't understand|do not understand|can't figure)\b|^(?:need help|looking for|wondering)\b/;

/** Slack and Discord markup that is not words: mentions, channel links, emoji codes, URLs and code. */
const MARKUP = /<[^<>]*>|```[\s\S]*?```|`[^`]*`|:[a-z0-9_+-]+:|https?:\/\/\S+/gi;

/** True when `text` reads as a question someone wants answered. */
export function looksLikeQuestion(text: string): boolean {
  const plain = text.replace(MARKUP, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  const words = plain.match(/[\p{L}\p{N}'’]+/gu)?.map((w) => w.replace(/’/g, "'")) ?? [];
  if (words.length === 0) return false;
  // "?" alone, or "lol?" and "really?": a reaction, not a question the docs could answer.
  if (/\?/.test(plain)) return words.length >= 2;
  if (words.length < 3) return false;
  const opening = plain.replace(/^[^\p{L}]+/u, '').replace(/’/g, "'");
  return QUESTION_OPENERS.has(words[0]!) || REQUEST_OPENINGS.test(opening);
}
