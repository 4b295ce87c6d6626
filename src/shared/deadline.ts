/**
 * The promise's value if it settles within `ms`, else undefined (the promise keeps running). Both chat platforms
 * give a few seconds for the first response: an adapter answers at once when the work is ready in time, and
 * acknowledges first (Slack's placeholder, Discord's deferral) when it is not.
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
