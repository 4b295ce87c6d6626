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
