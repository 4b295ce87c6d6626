/**
 * Resolves with the first defined value of `check`, re-checked whenever the stand-in calls the listeners it holds
 * in `listeners` (on every request or gateway event); rejects after `timeoutMs`. Shared by the Discord stand-ins.
 */
export function waitUntil<T>(
  listeners: Set<() => void>,
  check: () => T | undefined,
  timeoutMs: number,
  what = 'fake Discord',
): Promise<T> {
  const now = check();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      listeners.delete(listener);
      reject(new Error(`${what}: nothing arrived within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = () => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      listeners.delete(listener);
      resolve(value);
    };
    listeners.add(listener);
  });
}
