/**
 * Typo correction against the corpus's own vocabulary: a question word that is neither an index term nor an
 * English word ("databse", "kubernets", "reponsibilities") is read as the closest index term, when one is close
 * enough for its length. Real words the corpus lacks are left alone: they are what the decline weighs.
 */

/** Edits allowed: one for words up to this many letters, two above. */
export const ONE_EDIT_MAX_LENGTH = 7;
/** Words shorter than this are never corrected: "sre" or "pto" are as likely an acronym as a typo. */
export const MIN_CORRECTED_LENGTH = 4;
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

/** A corrector over one index's terms: the closest term, the more common one on a tie; undefined when none is close. */
export function createSpeller(frequency: ReadonlyMap<string, number>): (term: string) => string | undefined {
  const vocabulary = [...frequency.keys()].filter((t) => t.length >= MIN_CORRECTED_LENGTH - 1 && /^[a-z]+$/.test(t));
  const memo = new Map<string, string | undefined>();
  return (term) => {
    if (memo.has(term)) return memo.get(term);
    let best: string | undefined;
    if (term.length >= MIN_CORRECTED_LENGTH && /^[a-z]+$/.test(term)) {
      let bestDistance = term.length <= ONE_EDIT_MAX_LENGTH ? 1 : 2;
      for (const candidate of vocabulary) {
        const d = editDistance(term, candidate, bestDistance);
        if (d > bestDistance) continue;
        if (d < bestDistance || best === undefined || (frequency.get(candidate) ?? 0) > (frequency.get(best) ?? 0)) {
          best = candidate;
          bestDistance = d;
        }
      }
    }
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(term, best);
    return best;
  };
}
