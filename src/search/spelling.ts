/**
 * Typo correction: a question word that is neither a corpus word nor an English word ("databse", "cachng",
 * "shoud", "sorce") is read as the closest word of the corpus, or else of everyday English, when one is close enough
 * for its length. Real words the corpus lacks are left alone: they are what the decline weighs.
 */

/** Edits allowed: one for words up to this many letters, two above. */
export const ONE_EDIT_MAX_LENGTH = 7;
/**
 * Words shorter than this are corrected only by swapping two neighbouring letters ("adn", "hte"): any other edit of
 * a short word ("sre", "pto") is as likely an acronym as a typo.
 */
export const MIN_CORRECTED_LENGTH = 4;
/** Shortest word corrected at all. */
const MIN_SWAPPED_LENGTH = 3;
/** Corrections remembered per vocabulary (typos recur: the same people ask again). */
const MEMO_MAX = 5_000;

/**
 * Rows of editDistance, reused from call to call: it runs for every near candidate of every unknown word, and a
 * fresh array per row made it the largest source of garbage per question (about 90 KB a Slack request).
 */
let distanceRows = new Int32Array(3 * 32);

/** Optimal string alignment distance (insert, delete, substitute, swap neighbours), or max + 1 when above max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if (distanceRows.length < 3 * width) distanceRows = new Int32Array(6 * width);
  const rows = distanceRows;
  // Three rows of the table, at offsets rotated as i advances: i - 2, i - 1 and i.
  let before = 2 * width;
  let previous = 0;
  let current = width;
  for (let j = 0; j <= b.length; j++) rows[j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[before + j - 2]! + 1);
      rows[current + j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return rows[previous + b.length]!;
}

/** The letters a word uses, one bit each (a to z). */
function letterSet(word: string): number {
  let set = 0;
  for (let i = 0; i < word.length; i++) set |= 1 << (word.charCodeAt(i) - 97);
  return set;
}

function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Whether b is a with two neighbouring letters swapped. */
export function isNeighbourSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const at = [...a].findIndex((c, i) => c !== b[i]);
  return (
    at >= 0 && at + 1 < a.length && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2)
  );
}

/** Rows of a QWERTY keyboard: a slip of the finger lands on a neighbouring key. */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY_POSITIONS = new Map(KEYBOARD_ROWS.flatMap((row, r) => [...row].map((key, c) => [key, { r, c }] as const)));

/** Whether two keys touch on a QWERTY keyboard (rows are offset, so a key touches two in each row beside it). */
export function keysTouch(a: string, b: string): boolean {
  const p = KEY_POSITIONS.get(a);
  const q = KEY_POSITIONS.get(b);
  if (!p || !q) return false;
  if (p.r === q.r) return Math.abs(p.c - q.c) === 1;
  if (Math.abs(p.r - q.r) !== 1) return false;
  // Each row sits about half a key to the right of the one above it.
  const lower = p.r > q.r ? p : q;
  const upper = p.r > q.r ? q : p;
  return lower.c === upper.c || lower.c + 1 === upper.c;
}

/**
 * Whether a typo one edit from a word is a slip people make: two letters swapped, a letter left out, a letter
 * doubled or struck on a neighbouring key. A letter replaced by one across the keyboard ("team" typed "them") or
 * an unrelated letter added is a different word more often than a slip, so such a word loses a tie.
 */
export function isLikelySlip(typo: string, word: string): boolean {
  if (typo.length === word.length) {
    const at = [...typo].findIndex((c, i) => c !== word[i]);
    if (at < 0) return true;
    if (isNeighbourSwap(typo, word)) return true;
    return keysTouch(typo[at]!, word[at]!) && typo.slice(at + 1) === word.slice(at + 1);
  }
  if (typo.length < word.length) return true;
  const at = [...word].findIndex((c, i) => c !== typo[i]);
  const added = typo[at < 0 ? word.length : at]!;
  const beside = [typo[(at < 0 ? word.length : at) - 1], typo[(at < 0 ? word.length : at) + 1]];
  return beside.some((letter) => letter !== undefined && (letter === added || keysTouch(letter, added)));
}

/**
 * How much less likely a word at this many edits from a typo is than its edits say: one more edit when the first
 * letter differs (people rarely mistype the first letter), half of one when its one edit is not a slip of the finger.
 */
export function typoPenalty(typo: string, word: string, edits: number): number {
  return (word[0] !== typo[0] ? 1 : 0) + (edits === 1 && !isLikelySlip(typo, word) ? 0.5 : 0);
}

/**
 * A corrector over a list of words: the closest word, on a tie the likelier typo (typoPenalty), then the more
 * common word; undefined when none is close
 * enough for the typo's length.
 */
export function createSpeller(
  words: Iterable<string>,
  commonness: (word: string) => number,
): (typo: string) => string | undefined {
  const lists = new Map<number, string[]>();
  for (const word of words) {
    if (!/^[a-z]+$/.test(word)) continue;
    const list = lists.get(word.length) ?? [];
    list.push(word);
    lists.set(word.length, list);
  }
  const byLength = new Map<number, { words: string[]; letters: Int32Array }>();
  for (const [length, list] of lists) byLength.set(length, { words: list, letters: Int32Array.from(list, letterSet) });
  const memo = new Map<string, string | undefined>();
  return (typo) => {
    if (memo.has(typo)) return memo.get(typo);
    let best: string | undefined;
    if (typo.length >= MIN_SWAPPED_LENGTH && typo.length < MIN_CORRECTED_LENGTH) {
      best = byLength
        .get(typo.length)
        ?.words.filter((candidate) => isNeighbourSwap(typo, candidate))
        .sort((a, b) => commonness(b) - commonness(a))[0];
    } else if (typo.length >= MIN_CORRECTED_LENGTH && /^[a-z]+$/.test(typo)) {
      let bestDistance = typo.length <= ONE_EDIT_MAX_LENGTH ? 1 : 2;
      const typoLetters = letterSet(typo);
      let bestPenalty = 0;
      for (let length = typo.length - bestDistance; length <= typo.length + bestDistance; length++) {
        const bucket = byLength.get(length);
        if (!bucket) continue;
        const { words: candidates, letters } = bucket;
        for (let i = 0; i < candidates.length; i++) {
          // Each edit adds or removes at most two letters from the set of letters used: a cheap, exact first cut.
          if (bitCount(letters[i]! ^ typoLetters) > 2 * bestDistance) continue;
          const candidate = candidates[i]!;
          const d = editDistance(typo, candidate, bestDistance);
          if (d > bestDistance) continue;
          const penalty = typoPenalty(typo, candidate, d);
          if (
            d < bestDistance ||
            best === undefined ||
            penalty < bestPenalty ||
            (penalty === bestPenalty && commonness(candidate) > commonness(best))
          ) {
            best = candidate;
            bestDistance = d;
            bestPenalty = penalty;
          }
        }
      }
    }
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(typo, best);
    return best;
  };
}
