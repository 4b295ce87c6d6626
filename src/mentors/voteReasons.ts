/** Why a reader found a passage not helpful: the choices every platform offers after "Not helpful". */
export const VOTE_REASONS = ['wrong_passage', 'outdated', 'too_long', 'not_in_docs', 'other'] as const;

export type VoteReason = (typeof VOTE_REASONS)[number];

/** The label each platform shows for a reason (a radio button, a select option). */
export const VOTE_REASON_LABELS: Readonly<Record<VoteReason, string>> = {
  wrong_passage: 'Wrong passage',
  outdated: 'Outdated',
  too_long: 'Too long',
  not_in_docs: 'Not in the docs',
  other: 'Other',
};

/** Longest free text kept with a reason; platforms cap their input at this too (Slack max_length, Discord max_length). */
export const MAX_REASON_TEXT_CHARS = 500;

/** A reason from a platform's payload, or undefined when it is not one of ours (an old or forged value). */
export function parseVoteReason(value: unknown): VoteReason | undefined {
  return (VOTE_REASONS as readonly unknown[]).includes(value) ? (value as VoteReason) : undefined;
}
