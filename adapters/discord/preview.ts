import type { PreviewAction, PreviewRenderer, RenderedPreview } from '../../src/service/previewRenderer.js';
import { decodeAction } from './customIds.js';
import { helpToDiscordMessage, noticeToDiscordMessage, toDiscordMessage, type DiscordMessage } from './embeds.js';

function withActions(message: DiscordMessage): RenderedPreview {
  const actions: Record<string, PreviewAction> = {};
  for (const row of message.components) {
    for (const button of row.components) {
      const action = decodeAction(button.custom_id);
      // The playground plays the asker: mentor buttons (Ask a mentor, the hand-off's) have nothing to do there.
      if (action?.kind === 'vote' || action?.kind === 'more') actions[button.custom_id] = action;
      else if (action?.kind === 'share') actions[button.custom_id] = { kind: 'share' };
    }
  }
  return { message, actions };
}

/** Discord's renderers, for the web playground's side-by-side preview. */
export const discordPreviewRenderer: PreviewRenderer = {
  platform: 'discord',
  answer: (answer) => withActions(toDiscordMessage(answer, { ephemeral: true, showActions: true })),
  thread: (answer) => withActions(toDiscordMessage(answer, { ephemeral: false, showActions: true, votesOnly: true })),
  notice: (notice) => withActions(noticeToDiscordMessage(notice)),
  help: (help) => withActions(helpToDiscordMessage(help)),
};
