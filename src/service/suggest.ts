import { corpusTopics } from '../answer/topics.js';
import type { SearchIndex } from '../search/buildIndex.js';
import { rankPassages } from '../search/rankPassages.js';

const tidyHeading = (heading: string) =>
  heading
    .replace(/^#?\d+\s*[-–.)]\s*/, '')
    .replace(/:$/, '')
    .trim();

/**
 * Autocomplete: headings of the passages that best answer what has been typed so far (the last word matched as
 * a prefix), with the typed text itself first when the corpus answers it. Empty input lists the corpus's topics.
 * `maxLength` is the platform's limit on one suggestion (Discord: 100 characters a choice); longer ones are left out.
 */
export function suggestQuestions(index: SearchIndex, typed: string, limit: number, maxLength = Infinity): string[] {
  const text = typed.replace(/\s+/g, ' ').trim().slice(0, maxLength);
  if (!text) return corpusTopics(index, limit);
  const ranking = rankPassages(index, typed);
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (s: string) => {
    const key = s.toLowerCase();
    if (s && s.length <= maxLength && !seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  };
  if (!ranking.declined) add(text);
  for (const r of ranking.passages) {
    if (out.length >= limit) break;
    const heading = r.passage.sectionPath.at(-1);
    if (heading) add(tidyHeading(heading));
  }
  return out.slice(0, limit);
}
