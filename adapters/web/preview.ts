import type { AnswerJson } from '../../src/answer/toAnswerJson.js';
import { toAnswerJson } from '../../src/answer/toAnswerJson.js';
import type { Answer } from '../../src/answer/types.js';
import type { Notice } from '../../src/service/types.js';
import { decodeAction } from '../discord/customIds.js';
import { noticeToDiscordMessage, toDiscordMessage, type DiscordMessage } from '../discord/embeds.js';
import { decodeAnswerRef } from '../slack/actionValue.js';
import { noticeToSlackMessage, PRIVATE_ANSWER_BUTTONS, toSlackMessage, type SlackMessage } from '../slack/blocks.js';
import { ActionId, ASK_BUTTON_PATTERN } from '../slack/ids.js';

/** What a preview button does in the playground, decoded from the platform's own button data. */
export type PlaygroundAction =
  | { kind: 'vote'; passageId: string; helpful: boolean }
  | { kind: 'more'; offset: number }
  | { kind: 'share' }
  | { kind: 'ask'; question: string };

/**
 * `GET /api/preview`: the answer exactly as each platform would receive it for a private `/backend` answer, plus
 * what each button means, keyed the way the page finds it (Slack: action_id and value; Discord: custom_id), so
 * the page never has to know either platform's encoding.
 */
export interface Preview {
  answer?: AnswerJson;
  slack: SlackMessage;
  discord: DiscordMessage;
  actions: { slack: Record<string, PlaygroundAction>; discord: Record<string, PlaygroundAction> };
}

/** The key the page (public/playground.js) uses to look up a Slack button's action. */
function slackActionKey(actionId: string, value: string | undefined): string {
  return `${actionId}\n${value ?? ''}`;
}

function slackAction(actionId: string, value: string | undefined): PlaygroundAction | undefined {
  const ref = decodeAnswerRef(value);
  if (!ref) return undefined;
  if (actionId === ActionId.share) return { kind: 'share' };
  if (actionId === ActionId.more) return { kind: 'more', offset: ref.offset };
  if ((actionId === ActionId.helpful || actionId === ActionId.notHelpful) && ref.passageId) {
    return { kind: 'vote', passageId: ref.passageId, helpful: actionId === ActionId.helpful };
  }
  if (ASK_BUTTON_PATTERN.test(actionId)) return { kind: 'ask', question: ref.question };
  return undefined;
}

function slackActions(message: SlackMessage): Record<string, PlaygroundAction> {
  const actions: Record<string, PlaygroundAction> = {};
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type !== 'button' || !element.action_id) continue;
      const action = slackAction(element.action_id, element.value);
      if (action) actions[slackActionKey(element.action_id, element.value)] = action;
    }
  }
  return actions;
}

function discordActions(message: DiscordMessage): Record<string, PlaygroundAction> {
  const actions: Record<string, PlaygroundAction> = {};
  for (const row of message.components) {
    for (const button of row.components) {
      const action = decodeAction(button.custom_id);
      if (!action) continue;
      actions[button.custom_id] = action.kind === 'share' ? { kind: 'share' } : action;
    }
  }
  return actions;
}

function withActions(answer: AnswerJson | undefined, slack: SlackMessage, discord: DiscordMessage): Preview {
  return { ...(answer ? { answer } : {}), slack, discord, actions: { slack: slackActions(slack), discord: discordActions(discord) } };
}

/** An answer rendered by the real Slack and Discord renderers, as the asker alone would see it. */
export function previewAnswer(answer: Answer): Preview {
  return withActions(
    toAnswerJson(answer),
    toSlackMessage(answer, { buttons: PRIVATE_ANSWER_BUTTONS }),
    toDiscordMessage(answer, { ephemeral: true, showActions: true }),
  );
}

/** A notice (slow down, busy) as each platform would show it instead of an answer. */
export function previewNotice(notice: Notice): Preview {
  return withActions(undefined, noticeToSlackMessage(notice), noticeToDiscordMessage(notice));
}
