import type { PreviewAction, PreviewRenderer, RenderedPreview } from '../../src/service/previewRenderer.js';
import { decodeAnswerRef } from './actionValue.js';
import {
  CHANNEL_ANSWER_BUTTONS,
  helpToSlackMessage,
  noticeToSlackMessage,
  PRIVATE_ANSWER_BUTTONS,
  toSlackMessage,
  type SlackMessage,
} from './blocks.js';
import { ActionId, ASK_BUTTON_PATTERN } from './ids.js';
import { handoffToSlackMessage } from './mentorBlocks.js';

/** A stand-in user group id for the preview: the playground knows no workspace. */
const PREVIEW_MENTOR_GROUP = 'S0MENTORS';

/** The key the playground page (public/playground.js) uses to look up a Slack button's action. */
function slackActionKey(actionId: string, value: string | undefined): string {
  return `${actionId}\n${value ?? ''}`;
}

function slackAction(actionId: string, value: string | undefined): PreviewAction | undefined {
  if (actionId === ActionId.askMentor) return { kind: 'askMentor' };
  if (actionId === ActionId.takeHandoff) return { kind: 'handoff', button: 'take' };
  if (actionId === ActionId.answerHandoff) return { kind: 'handoff', button: 'answer' };
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

function withActions(message: SlackMessage): RenderedPreview {
  const actions: Record<string, PreviewAction> = {};
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type !== 'button' || !element.action_id) continue;
      const action = slackAction(element.action_id, element.value);
      if (action) actions[slackActionKey(element.action_id, element.value)] = action;
    }
  }
  return { message, actions };
}

/** Slack's renderers, for the web playground's side-by-side preview. */
export const slackPreviewRenderer: PreviewRenderer = {
  platform: 'slack',
  answer: (answer) => withActions(toSlackMessage(answer, { buttons: PRIVATE_ANSWER_BUTTONS })),
  thread: (answer) => withActions(toSlackMessage(answer, { buttons: CHANNEL_ANSWER_BUTTONS })),
  notice: (notice) => withActions(noticeToSlackMessage(notice)),
  help: (help) => withActions(helpToSlackMessage(help)),
  handoff: (message) => withActions(handoffToSlackMessage(message, PREVIEW_MENTOR_GROUP, '@mentors')),
};
