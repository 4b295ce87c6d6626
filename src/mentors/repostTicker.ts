import type { Logger } from '../log.js';

/** How often the composition root asks the platforms to re-post the hand-offs that are due. */
export const REPOST_TICK_MS = 60_000;

/** What a platform adapter with a mentors' channel offers the composition root: re-post every hand-off now due. */
export interface MentorReposter {
  repostDue(now: Date): Promise<void>;
}

/** Whether a started platform's handle can re-post hand-offs. */
export const isMentorReposter = (handle: object): handle is MentorReposter =>
  typeof (handle as Partial<MentorReposter>).repostDue === 'function';

/**
 * Asks each platform every `intervalMs` to re-post what is due (the store decides what is, and hands each hand-off
 * to one replica only). Ticks never overlap, the timer never keeps the process alive, and `stop` ends it.
 */
export function startRepostTicker(options: {
  reposters: readonly MentorReposter[];
  logger: Logger;
  intervalMs?: number;
  now?: () => Date;
}): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    const now = options.now?.() ?? new Date();
    running = Promise.all(
      options.reposters.map((r) =>
        r.repostDue(now).catch((error: unknown) => {
          options.logger.warn({ err: error, code: 'REPOST_FAILED' }, 'could not re-post the hand-offs due');
        }),
      ),
    ).then(() => {
      running = undefined;
    });
  };
  const timer = setInterval(tick, options.intervalMs ?? REPOST_TICK_MS).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
