import { SYNONYM_GROUPS } from './synonyms.js';
import { processTerm, terms, tokenize } from './text.js';

/** Longest question text used for retrieval; a pasted essay is cut here rather than slowing everyone down. */
export const MAX_QUERY_CHARS = 500;
/** At most this many distinct words of a question are searched. */
export const MAX_QUERY_TERMS = 24;
/** Weight of a synonym relative to the word the user typed. */
export const SYNONYM_WEIGHT = 0.45;

/** One idea in the question: the word as typed (processed) and the other ways the corpus may say it. */
export interface QueryConcept {
  term: string;
  variants: { term: string; weight: number }[];
  /** The last word of a question that does not end in a space or punctuation: the user may still be typing. */
  prefix: boolean;
}

/** Each group member as its index terms: "continuous integration" -> ["continu", "integr"]. */
const GROUP_TERMS: readonly string[][][] = SYNONYM_GROUPS.map((group) => group.map((member) => terms(member)));

function variantsOf(term: string): { term: string; weight: number }[] {
  const out = new Map<string, number>();
  for (const group of GROUP_TERMS) {
    if (!group.some((member) => member.length === 1 && member[0] === term)) continue;
    for (const member of group) {
      for (const t of member) {
        if (t === term) continue;
        const weight = SYNONYM_WEIGHT / member.length;
        out.set(t, Math.max(out.get(t) ?? 0, weight));
      }
    }
  }
  return [...out].map(([t, weight]) => ({ term: t, weight }));
}

/**
 * Words that address everyone (`@everyone`, `@here`, `@channel`) are never the question. Platform mention markup
 * (`<@U123>`, `<!channel>`) never gets here: each adapter turns it into readable words before asking.
 */
const MENTIONS = /(^|\s)@(?:everyone|here|channel)\b/gi;

/** Turns a question into the concepts to search for; question phrasing, mentions and stop words drop out here. */
export function parseQuery(question: string): QueryConcept[] {
  const text = question.slice(0, MAX_QUERY_CHARS).replace(MENTIONS, ' ');
  const tokens = tokenize(text);
  const typingLastWord = /[a-z0-9]$/i.test(text.trimEnd()) && text === text.trimEnd();
  const concepts: QueryConcept[] = [];
  const seen = new Set<string>();
  tokens.forEach((token, i) => {
    const term = processTerm(token);
    if (!term || seen.has(term) || concepts.length >= MAX_QUERY_TERMS) return;
    seen.add(term);
    concepts.push({
      term,
      variants: variantsOf(term),
      prefix: typingLastWord && i === tokens.length - 1 && term.length >= 3,
    });
  });
  return concepts;
}
