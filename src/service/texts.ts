/**
 * Sentences every front end shows the same way (each renderer escapes them for its own syntax), written once so
 * the platforms cannot drift apart.
 */

/** Shown when something on our side failed; the log has the cause. */
export const FRIENDLY_ERROR_TEXT = 'Sorry, something went wrong on my side. Please try again in a moment.';

/** Shown for a button this version of the bot cannot place (an old message, or one that lost its question). */
export const STALE_BUTTON_TEXT = 'That button has expired. Please ask your question again.';

/** The quiet acknowledgement of a Helpful / Not helpful vote, shown to the voter alone. */
export function voteThanksText(helpful: boolean): string {
  return helpful
    ? 'Thanks, noted. Glad it helped.'
    : 'Thanks, noted. The people who keep the docs use this to improve them.';
}

/** The asker's confirmation after "Ask a mentor". */
export const MENTOR_ASKED_TEXT = 'A mentor has been asked; the answer will come here.';

/** "Ask a mentor" again on a question the same person already has open with the mentors. */
export const MENTOR_ALREADY_ASKED_TEXT = 'The mentors already have this question; the answer will come here.';

/** A mentor-only control pressed by someone who is not a mentor: nothing changed. */
export const NOT_A_MENTOR_TEXT = 'Only mentors can do that. Nothing was changed.';

/** Shown to the mentor after their answer went to the asker and was kept as a source. */
export const MENTOR_ANSWER_SENT_TEXT =
  'Thanks! Your answer was sent to the asker and saved: new hires asking the same thing will now find it.';

/** "I'll take it" on a hand-off another mentor has taken. */
export function handoffTakenByText(mentorName: string): string {
  return `${mentorName} has already taken this question. Nothing was changed.`;
}

/** A hand-off button pressed after the question was answered. */
export const HANDOFF_ANSWERED_TEXT = 'This question has already been answered. Nothing was changed.';

/** A hand-off button this deployment cannot place. */
export const HANDOFF_NOT_FOUND_TEXT = "I can't find that question any more. Nothing was changed.";

/** Edit or retire on a mentor answer that is already retired. */
export const ANSWER_RETIRED_TEXT = 'That answer has been retired and is no longer shown. Nothing was changed.';

/** Edit or retire on a mentor answer this deployment does not have. */
export const ANSWER_NOT_FOUND_TEXT = "I can't find that answer any more. Nothing was changed.";

/** Edit or retire by a mentor who did not write the answer. */
export const NOT_YOUR_ANSWER_TEXT = 'Only the mentor who wrote this answer can change it. Nothing was changed.';

/** An answer (or question) with nothing in it. */
export const EMPTY_TEXT_TEXT = 'There is no text to save. Please write the answer and try again.';

/** The mentor's confirmation after retiring an answer. */
export const ANSWER_RETIRED_DONE_TEXT = 'Retired: this answer will not be shown again.';

/** A mentor answer over the length every platform can deliver in one message. */
export function answerTooLongText(max: number): string {
  return `That answer is too long to deliver in one message: please keep it under ${max.toLocaleString('en-US')} characters.`;
}
