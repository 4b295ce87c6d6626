import { describe, expect, it } from 'vitest';
import { BusyError } from '../../src/errors.js';
import { createWorkGate } from '../../src/service/workGate.js';

/** A piece of work the test finishes by hand. */
function deferred() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe('work gate', () => {
  it('runs at most maxConcurrent at once, queues up to maxQueued, and refuses the rest as busy', async () => {
    const gate = createWorkGate({ maxConcurrent: 2, maxQueued: 1 });
    const jobs = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = jobs.map((job, i) =>
      gate.run(async () => {
        started.push(i);
        await job.done;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect({ running: gate.running, queued: gate.queued }).toEqual({ running: 2, queued: 1 });

    const refused = gate.run(async () => 'never');
    await expect(refused).rejects.toBeInstanceOf(BusyError);
    await expect(refused).rejects.toMatchObject({ code: 'BUSY' });

    jobs[0]!.finish();
    await runs[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    jobs[1]!.finish();
    jobs[2]!.finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect({ running: gate.running, queued: gate.queued }).toEqual({ running: 0, queued: 0 });
  });

  it('frees the slot when work fails', async () => {
    const gate = createWorkGate({ maxConcurrent: 1, maxQueued: 0 });
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
  });

  it('after close, refuses new work but lets admitted work finish, and idle() waits for it', async () => {
    const gate = createWorkGate({ maxConcurrent: 1, maxQueued: 5 });
    const slow = deferred();
    const queuedJob = deferred();
    const first = gate.run(() => slow.done.then(() => 'first'));
    const second = gate.run(() => queuedJob.done.then(() => 'second'));
    gate.close();
    await expect(gate.run(async () => 'late')).rejects.toBeInstanceOf(BusyError);

    let idle = false;
    const waiting = gate.idle().then(() => (idle = true));
    slow.finish();
    await first;
    await Promise.resolve();
    expect(idle).toBe(false);
    queuedJob.finish();
    await waiting;
    expect(idle).toBe(true);
    expect(await second).toBe('second');
  });
});
