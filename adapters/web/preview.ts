import type { AnswerJson } from '../../src/answer/toAnswerJson.js';
import { toAnswerJson } from '../../src/answer/toAnswerJson.js';
import type { Answer } from '../../src/answer/types.js';
import { previewHandoffMessage } from '../../src/mentors/handoffPreview.js';
import type { PreviewAction, PreviewRenderer, RenderedPreview } from '../../src/service/previewRenderer.js';
import type { HelpContent, Notice } from '../../src/service/types.js';

/**
 * `GET /api/preview`: the answer exactly as each platform would receive it for a private `/backend` answer, keyed by
 * platform (`slack`, `discord`, …), plus what each button means, keyed the way the page finds it, so the page never
 * has to know a platform's encoding. The renderers come from the composition root; this folder imports none.
 */
export interface Preview {
  answer?: AnswerJson;
  /**
   * The answer as the bot would post it unasked in a Q&A channel's thread, per platform; `silent` when it would say
   * nothing there (the docs do not answer with the channels' higher confidence).
   */
  thread?: { question: string; silent: boolean; messages: Record<string, unknown> };
  help?: HelpContent;
  /**
   * How each platform with a mentor loop would post this question to its mentors' channel, had the asker pressed Ask
   * a mentor; absent when no platform renders hand-offs.
   */
  handoff?: { question: string; messages: Record<string, unknown> };
  actions: Record<string, Record<string, PreviewAction>>;
  [platform: string]: unknown;
}

function combine(renderers: readonly PreviewRenderer[], render: (r: PreviewRenderer) => RenderedPreview): Preview {
  const preview: Preview = { actions: {} };
  for (const renderer of renderers) {
    const { message, actions } = render(renderer);
    preview[renderer.platform] = message;
    preview.actions[renderer.platform] = actions;
  }
  return preview;
}

/**
 * An answer rendered by every platform's real renderer, as the asker alone would see it, and (when given) the answer
 * a Q&A channel's thread would get. The thread's buttons join each platform's actions (votes mean the same there).
 */
export function previewAnswer(renderers: readonly PreviewRenderer[], answer: Answer, inThread?: Answer): Preview {
  const preview: Preview = { ...combine(renderers, (r) => r.answer(answer)), answer: toAnswerJson(answer) };
  addHandoff(preview, renderers, answer);
  if (inThread === undefined) return preview;
  const silent = inThread.declined;
  const messages: Record<string, unknown> = {};
  if (!silent) {
    for (const renderer of renderers) {
      const { message, actions } = renderer.thread(inThread);
      messages[renderer.platform] = message;
      Object.assign((preview.actions[renderer.platform] ??= {}), actions);
    }
  }
  return { ...preview, thread: { question: inThread.question, silent, messages } };
}

/** The hand-off post of each platform that renders one; its buttons join that platform's actions. */
function addHandoff(preview: Preview, renderers: readonly PreviewRenderer[], answer: Answer): void {
  const message = previewHandoffMessage(answer);
  const messages: Record<string, unknown> = {};
  for (const renderer of renderers) {
    if (!renderer.handoff) continue;
    const rendered = renderer.handoff(message);
    messages[renderer.platform] = rendered.message;
    Object.assign((preview.actions[renderer.platform] ??= {}), rendered.actions);
  }
  if (Object.keys(messages).length > 0) preview.handoff = { question: answer.question, messages };
}

/** A notice (slow down, busy) as each platform would show it instead of an answer. */
export function previewNotice(renderers: readonly PreviewRenderer[], notice: Notice): Preview {
  return combine(renderers, (r) => r.notice(notice));
}

/** The help (`help`, `?`) as each platform would show it. */
export function previewHelp(renderers: readonly PreviewRenderer[], help: HelpContent): Preview {
  return { ...combine(renderers, (r) => r.help(help)), help };
}
