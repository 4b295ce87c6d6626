import type { Answer } from '../answer/types.js';
import type { HandoffMessage } from '../mentors/types.js';
import type { HelpContent, Notice } from './types.js';

/** What a button on a rendered message does, decoded from the platform's own button data. */
export type PreviewAction =
  | { kind: 'vote'; passageId: string; helpful: boolean }
  | { kind: 'more'; offset: number }
  | { kind: 'share' }
  | { kind: 'ask'; question: string }
  /** The playground shows, instead of pressing it, how the hand-off would be posted to the mentors. */
  | { kind: 'askMentor' }
  /** A hand-off post's "I'll take it" / "Answer": shown, never pressed, in the playground. */
  | { kind: 'handoff'; button: 'take' | 'answer' };

/** One platform's payload for a message, and what each of its buttons means (keyed the platform's way). */
export interface RenderedPreview {
  message: unknown;
  actions: Record<string, PreviewAction>;
}

/**
 * The declared way one front end shows another's rendering: each chat adapter exports one of these (pure, no
 * network), the composition root hands them to the web playground, and the playground never imports a chat adapter.
 * A new platform adds a preview by adding a renderer, without editing adapters/web/.
 */
export interface PreviewRenderer {
  /** The key the playground page shows this preview under (`slack`, `discord`). */
  readonly platform: string;
  /** A private `/backend` answer, as the asker alone would see it. */
  answer(answer: Answer): RenderedPreview;
  /** The same answer posted unasked in a Q&A channel's thread, seen by everyone (only called when not declined). */
  thread(answer: Answer): RenderedPreview;
  notice(notice: Notice): RenderedPreview;
  help(help: HelpContent): RenderedPreview;
  /**
   * The hand-off post in the mentors' channel (with its one ping), for the playground's hand-off preview. Optional
   * so a platform without a mentor loop simply shows none.
   */
  handoff?(message: HandoffMessage): RenderedPreview;
}
