import type { Answer } from '../answer/types.js';
import { handoffMessage } from './handoffMessage.js';
import type { HandoffMessage } from './types.js';

/** Who asks in the playground's hand-off preview. */
export const PREVIEW_ASKER = 'You (playground)';

/**
 * The hand-off post the mentors would get if the playground's asker pressed Ask a mentor on `answer`: the question,
 * the passages shown (or none, for a decline), open, with the one ping. Stores nothing: a preview only.
 */
export function previewHandoffMessage(answer: Answer): HandoffMessage {
  return handoffMessage(
    {
      id: 'preview',
      platform: 'web',
      question: answer.question,
      origin: { platform: 'web', userId: 'playground', userName: PREVIEW_ASKER, reply: '' },
      passagesTried: answer.passages.slice(0, 3).map((p) => ({
        passageId: p.passageId,
        title: p.citation.title,
        section: p.citation.section,
        link: p.citation.link,
      })),
      state: 'open',
      createdAt: new Date(0).toISOString(),
    },
    { ping: true },
  );
}
