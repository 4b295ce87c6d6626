import { BusyError } from '../errors.js';
import type { WorkGate } from './types.js';

/** How much work may run and wait at once (MAX_CONCURRENT, MAX_QUEUED). */
export interface WorkGateOptions {
  /** Work items running at once (MAX_CONCURRENT). */
  maxConcurrent: number;
  /** Work items waiting for a slot (MAX_QUEUED); one more is refused with BusyError. */
  maxQueued: number;
}

/** A WorkGate that shutdown can also wait on, and metrics can read. */
export interface DrainableWorkGate extends WorkGate {
  readonly running: number;
  readonly queued: number;
  /** Resolves once nothing is running or waiting: the answers in flight have finished. */
  idle(): Promise<void>;
  /** Refuses new work from now on (BusyError: "try again in a moment"), for shutdown; work already admitted goes on. */
  close(): void;
}

/**
 * Caps the work in flight across every platform, so a flood of questions turns into quick "busy" notices
 * rather than unbounded memory. Waiting work starts in arrival order.
 */
export function createWorkGate(options: WorkGateOptions): DrainableWorkGate {
  let running = 0;
  const waiting: (() => void)[] = [];
  let idleWaiters: (() => void)[] = [];
  let closed = false;

  function release(): void {
    const next = waiting.shift();
    if (next) {
      next();
      return;
    }
    running--;
    if (running === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  return {
    get running() {
      return running;
    },
    get queued() {
      return waiting.length;
    },
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (closed) {
        throw new BusyError();
      } else if (running < options.maxConcurrent) {
        running++;
      } else if (waiting.length < options.maxQueued) {
        // The slot is handed over by release() without decrementing `running`, so no newcomer can jump the queue.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        throw new BusyError();
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
    close() {
      closed = true;
    },
    idle(): Promise<void> {
      if (running === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
