/**
 * The one way tests wait for something to happen: re-check a condition whenever the thing being watched reports
 * news (a stand-in received a request, a log line was written), never on a timer. Rejects after `timeoutMs`, or
 * at once when `check` throws (e.g. "the process exited, it will never happen").
 */
export function waitUntil<T>(
  listeners: Set<() => void>,
  check: () => T | undefined,
  timeoutMs: number,
  what = 'the stand-in',
): Promise<T> {
  try {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise<T>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      listeners.delete(listener);
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${what}: nothing arrived within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = () => {
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        finish();
        reject(error);
        return;
      }
      if (value === undefined) return;
      finish();
      resolve(value);
    };
    listeners.add(listener);
  });
}

/** Something tests can wait on: call `notify()` on every piece of news, and `waitUntil` re-checks. */
export class Signal {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly what: string) {}

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  waitUntil<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
    return waitUntil(this.listeners, check, timeoutMs, this.what);
  }
}
