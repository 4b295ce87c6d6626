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

/** Optimal string alignment distance (insert, delete, substitute, swap neighbours), or max + 1 when above max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Whether b is a with two neighbouring letters swapped. */
export function isNeighbourSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const at = [...a].findIndex((c, i) => c !== b[i]);
  return (
    at >= 0 && at + 1 < a.length && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2)
  );
}

/**
 * A corrector over a list of words: the closest word, the more common one on a tie; undefined when none is close
 * enough for the typo's length.
 */
export function createSpeller(
  words: Iterable<string>,
  commonness: (word: string) => number,
): (typo: string) => string | undefined {
  const byLength = new Map<number, string[]>();
  for (const word of words) {
    if (!/^[a-z]+$/.test(word)) continue;
    const list = byLength.get(word.length) ?? [];
    list.push(word);
    byLength.set(word.length, list);
  }
  const memo = new Map<string, string | undefined>();
  return (typo) => {
    if (memo.has(typo)) return memo.get(typo);
    let best: string | undefined;
    if (typo.length >= MIN_SWAPPED_LENGTH && typo.length < MIN_CORRECTED_LENGTH) {
      best = byLength
        .get(typo.length)
        ?.filter((candidate) => isNeighbourSwap(typo, candidate))
        .sort((a, b) => commonness(b) - commonness(a))[0];
    } else if (typo.length >= MIN_CORRECTED_LENGTH && /^[a-z]+$/.test(typo)) {
      let bestDistance = typo.length <= ONE_EDIT_MAX_LENGTH ? 1 : 2;
      for (let length = typo.length - bestDistance; length <= typo.length + bestDistance; length++) {
        for (const candidate of byLength.get(length) ?? []) {
          const d = editDistance(typo, candidate, bestDistance);
          if (d > bestDistance) continue;
          if (d < bestDistance || best === undefined || commonness(candidate) > commonness(best)) {
            best = candidate;
            bestDistance = d;
          }
        }
      }
    }
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(typo, best);
    return best;
  };
}
