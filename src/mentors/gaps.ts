import { terms } from '../search/text.js';

/** A question people asked that the docs did not serve: declined, or answered with a passage voted down. */
export interface GapQuestion {
  question: string;
  count: number;
  kind: 'declined' | 'voted_down';
}

/** Questions about one topic, most-asked first; `answeredBy` when a live mentor answer now covers it. */
export interface Gap {
  /** The most-asked wording in the group. */
  topic: string;
  /** How often any question of the group was asked (declined or voted down). */
  count: number;
  questions: GapQuestion[];
  answeredBy?: { mentorAnswerId: string; mentorName: string; question: string };
}

/** Groups shown at most. */
export const MAX_GAPS = 20;

/**
 * Two questions are about the same topic when at least this share of the shorter one's content words (stemmed,
 * stop words out) is in the other: "how do I get VPN access" and "VPN access for staging" share "vpn" and "access".
 */
export const SHARED_TOPIC_RATIO = 0.5;

function sameTopic(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return false;
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  return shared / small.size >= SHARED_TOPIC_RATIO;
}

/**
 * The docs' gaps: declined and voted-down questions grouped by shared topic, the most-asked group first, each
 * marked with the live mentor answer whose question falls in it. Greedy single pass, most-asked first: a question
 * joins the first group it shares a topic with, so each group is named by its most-asked wording.
 */
export function groupGaps(
  questions: readonly GapQuestion[],
  mentorAnswers: readonly { id: string; question: string; mentor: { name: string } }[],
): Gap[] {
  const groups: { terms: Set<string>[]; gap: Gap }[] = [];
  for (const q of [...questions].sort((a, b) => b.count - a.count)) {
    const own = new Set(terms(q.question));
    const group = groups.find((g) => g.terms.some((t) => sameTopic(t, own)));
    if (group) {
      group.terms.push(own);
      group.gap.questions.push(q);
      group.gap.count += q.count;
    } else {
      groups.push({ terms: [own], gap: { topic: q.question, count: q.count, questions: [q] } });
    }
  }
  for (const answer of mentorAnswers) {
    const own = new Set(terms(answer.question));
    for (const group of groups) {
      if (!group.gap.answeredBy && group.terms.some((t) => sameTopic(t, own))) {
        group.gap.answeredBy = { mentorAnswerId: answer.id, mentorName: answer.mentor.name, question: answer.question };
      }
    }
  }
  return groups
    .map((g) => g.gap)
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_GAPS);
}
