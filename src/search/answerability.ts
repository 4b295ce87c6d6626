/**
 * How likely it is that a passage answers the question, 0..1: what the decline compares with its floor, and what a
 * channel's bar for unprompted answers means.
 *
 * Coverage alone (the share of the question's weight the passage matches) says too little: a five-word question
 * reaches half coverage through one wrong-sense match less often than a two-word one does, and a question whose
 * weight sits in one rare word is settled by that word. So the estimate is a logistic model over three inputs, each
 * with a plain meaning; the same for every question and every corpus (no word lists).
 *
 * Fitted by `npm run fit-decline` (L2-regularized logistic regression on standardized inputs) on the tune halves of
 * eval/chat.jsonl and eval/chat2.jsonl plus eval/dev.jsonl, the inputs chosen among eight by 5-fold
 * cross-validation on those questions only; checked on the check halves (README, "Answer quality").
 */
export interface AnswerabilityEvidence {
  /** Share of the question's weight the passage matches, 0..1. */
  coverage: number;
  /** Share of the question's weight carried by its single most informative idea, 0..1. */
  heaviestShare: number;
  /** How many ideas the question has (after stop words and chat filler). */
  ideas: number;
}

/** The model's weights, in the inputs' own units (the log-odds that the passage answers). */
export const ANSWERABILITY_WEIGHTS = {
  intercept: -12.8,
  coverage: 9.68,
  heaviestShare: 4.77,
  /** Per unit of ln(1 + ideas). */
  ideas: 3.89,
} as const;

export function answerability(evidence: AnswerabilityEvidence): number {
  const w = ANSWERABILITY_WEIGHTS;
  const logOdds =
    w.intercept +
    w.coverage * evidence.coverage +
    w.heaviestShare * evidence.heaviestShare +
    w.ideas * Math.log1p(evidence.ideas);
  return 1 / (1 + Math.exp(-logOdds));
}
