import type { HandoffMessage } from '../../src/mentors/types.js';
import type { PreviewAction, PreviewRenderer, RenderedPreview } from '../../src/service/previewRenderer.js';
import { decodeAction } from './customIds.js';
import { helpToDiscordMessage, noticeToDiscordMessage, toDiscordMessage, type DiscordMessage } from './embeds.js';
import { handoffToDiscordPost, type DiscordHandoffPost } from './mentorMessages.js';

/** Stands for the DISCORD_MENTOR_ROLE id in the playground, which shows how the post pings without knowing the id. */
export const PREVIEW_MENTOR_ROLE = '000000000000000000';

function previewAction(customId: string): PreviewAction | undefined {
  const action = decodeAction(customId);
  switch (action?.kind) {
    case 'vote':
    case 'more':
      return action;
    case 'share':
      return { kind: 'share' };
    case 'ask':
      return { kind: 'askMentor' };
    case 'take':
      return { kind: 'handoff', button: 'take' };
    case 'answer':
      return { kind: 'handoff', button: 'answer' };
    default:
      // Edit / Retire sit on a mentor's own saved answer: nothing the playground shows.
      return undefined;
  }
}

function withActions(message: DiscordMessage | DiscordHandoffPost): RenderedPreview {
  const actions: Record<string, PreviewAction> = {};
  for (const row of message.components) {
    for (const button of row.components) {
      const action = previewAction(button.custom_id);
      if (action) actions[button.custom_id] = action;
    }
  }
  return { message, actions };
}

/** Discord's renderers, for the web playground's side-by-side preview; the hand-off as the mentors' channel gets it. */
export const discordPreviewRenderer: PreviewRenderer = {
  platform: 'discord',
  answer: (answer) => withActions(toDiscordMessage(answer, { ephemeral: true, showActions: true })),
  thread: (answer) => withActions(toDiscordMessage(answer, { ephemeral: false, showActions: true, votesOnly: true })),
  notice: (notice) => withActions(noticeToDiscordMessage(notice)),
  help: (help) => withActions(helpToDiscordMessage(help)),
  handoff: (message: HandoffMessage) => withActions(handoffToDiscordPost(message, PREVIEW_MENTOR_ROLE)),
};
