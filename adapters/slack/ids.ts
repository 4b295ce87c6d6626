/**
 * Names Slack and this adapter must agree on: the manifest declares them, the listeners match on them, and the
 * renderer puts them on buttons. Kept in one place so a rename cannot leave one side behind (a test checks the
 * manifest against these).
 */

/** The slash command people type. */
export const SLASH_COMMAND = '/backend';

/** Where Slack posts commands, events and interactivity in HTTP mode (the manifest's request URLs end with it). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Whether a request is Slack's POST to {@link SLACK_EVENTS_PATH} (a query string aside). */
export function isSlackEventsRequest(req: { method?: string | undefined; url?: string | undefined }): boolean {
  if (req.method !== 'POST' || !req.url?.startsWith(SLACK_EVENTS_PATH)) return false;
  const rest = req.url.charCodeAt(SLACK_EVENTS_PATH.length);
  // The path ends there, or a query string starts.
  return Number.isNaN(rest) || rest === 63;
}

/** `callback_id` of the "Find an answer" message shortcut. */
export const FIND_ANSWER_CALLBACK_ID = 'find_answer';

/** `callback_id` of the "Save as answer" message shortcut (mentors, on their own reply in a thread). */
export const SAVE_ANSWER_CALLBACK_ID = 'save_answer';

/** Message shortcuts the app handles (manifest `shortcuts`), by callback_id. */
export const MESSAGE_SHORTCUTS = {
  [FIND_ANSWER_CALLBACK_ID]: 'Find an answer',
  [SAVE_ANSWER_CALLBACK_ID]: 'Save as answer',
} as const;

/** Events API subscriptions the app handles (manifest `bot_events`). */
export const HANDLED_BOT_EVENTS = ['app_mention', 'message.im', 'message.channels', 'message.groups'] as const;

/** `action_id`s of the buttons under an answer. */
export const ActionId = {
  share: 'share_answer',
  helpful: 'vote_helpful',
  notHelpful: 'vote_not_helpful',
  more: 'more_results',
  askMentor: 'mentor_ask',
  takeHandoff: 'handoff_take',
  answerHandoff: 'handoff_answer',
  editAnswer: 'mentor_answer_edit',
  retireAnswer: 'mentor_answer_retire',
} as const;

/** `callback_id`s of the modals the app opens; a submission is routed by these. */
export const ViewId = {
  answerHandoff: 'handoff_answer_form',
  editAnswer: 'mentor_answer_edit_form',
  notHelpful: 'not_helpful_reason_form',
} as const;

/**
 * Prefix of the `action_id`s of "ask about this" buttons (suggested topics, help examples). Each button in one
 * actions block needs its own `action_id`, so the index follows the prefix.
 */
export const ASK_BUTTON_PREFIX = 'ask_';

/** Matches every "ask about this" button, whatever its index. */
export const ASK_BUTTON_PATTERN = /^ask_\d+$/;
