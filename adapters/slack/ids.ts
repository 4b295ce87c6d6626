/**
 * Names Slack and this adapter must agree on: the manifest declares them, the listeners match on them, and the
 * renderer puts them on buttons. Kept in one place so a rename cannot leave one side behind (a test checks the
 * manifest against these).
 */

/** The slash command people type. */
export const SLASH_COMMAND = '/backend';

/** Where Slack posts commands, events and interactivity in HTTP mode (the manifest's request URLs end with it). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** `callback_id` of the "Find an answer" message shortcut. */
export const FIND_ANSWER_CALLBACK_ID = 'find_answer';

/** Events API subscriptions the app handles (manifest `bot_events`). */
export const HANDLED_BOT_EVENTS = ['app_mention', 'message.im', 'message.channels', 'message.groups'] as const;

/** `action_id`s of the buttons under an answer. */
export const ActionId = {
  share: 'share_answer',
  helpful: 'vote_helpful',
  notHelpful: 'vote_not_helpful',
  more: 'more_results',
} as const;

/**
 * Prefix of the `action_id`s of "ask about this" buttons (suggested topics, help examples). Each button in one
 * actions block needs its own `action_id`, so the index follows the prefix.
 */
export const ASK_BUTTON_PREFIX = 'ask_';

/** Matches every "ask about this" button, whatever its index. */
export const ASK_BUTTON_PATTERN = /^ask_\d+$/;
