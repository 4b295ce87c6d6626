import { describe, expect, it } from 'vitest';
import { previewAnswer } from '../../adapters/web/preview.js';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { PREVIEW_ASKER } from '../../src/mentors/handoffPreview.js';
import type { HandoffMessage } from '../../src/mentors/types.js';
import type { PreviewRenderer } from '../../src/service/previewRenderer.js';
import { corpusIndex } from '../support/testCore.js';

/** A platform whose hand-off payload is the neutral message itself, to see what the playground is handed. */
const echo = (platform: string, withHandoff: boolean): PreviewRenderer => ({
  platform,
  answer: () => ({ message: 'answer', actions: {} }),
  thread: () => ({ message: 'thread', actions: {} }),
  notice: () => ({ message: 'notice', actions: {} }),
  help: () => ({ message: 'help', actions: {} }),
  ...(withHandoff
    ? {
        handoff: (message: HandoffMessage) => ({
          message,
          actions: { [`take:${message.handoffId}`]: { kind: 'handoff' as const, button: 'take' as const } },
        }),
      }
    : {}),
});

describe('the playground’s hand-off preview', () => {
  it('shows, per platform with a mentor loop, the post the mentors would get for this question', async () => {
    const index = await corpusIndex();
    const answer = answerQuestion(index, 'what does a DevOps developer do', { publicUrl: 'http://bot' });
    const preview = previewAnswer([echo('slack', true), echo('discord', false)], answer);
    expect(Object.keys(preview.handoff?.messages ?? {})).toEqual(['slack']);
    const message = preview.handoff!.messages.slack as HandoffMessage;
    expect(message).toMatchObject({
      question: answer.question,
      askerName: PREVIEW_ASKER,
      ping: true,
      buttons: ['take', 'answer'],
      stateLine: 'Nobody has taken this yet.',
    });
    expect(message.passagesTried.map((p) => p.link)).toEqual(answer.passages.slice(0, 3).map((p) => p.citation.link));
    expect(preview.actions.slack).toEqual({ 'take:preview': { kind: 'handoff', button: 'take' } });
  });

  it('shows none when no platform renders hand-offs, and tries no passage for a decline', async () => {
    const index = await corpusIndex();
    const declined = answerQuestion(index, 'what is the capital of Peru', { publicUrl: 'http://bot' });
    expect(previewAnswer([echo('slack', false)], declined).handoff).toBeUndefined();
    const shown = previewAnswer([echo('slack', true)], declined).handoff!.messages.slack as HandoffMessage;
    expect(shown.passagesTried).toEqual([]);
  });
});
