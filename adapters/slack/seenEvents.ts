/** Event ids remembered for de-duplication; a retry comes within minutes, long before this many newer events. */
export const SEEN_EVENTS_MAX = 10_000;

/**
 * Remembers the `event_id`s this process has handled, so a delivery Slack repeats (a retry whose header was lost,
 * a Socket Mode redelivery) is answered at most once. Bounded: the oldest ids are forgotten first.
 */
export function createSeenEvents(max = SEEN_EVENTS_MAX): { firstTime(eventId: string | undefined): boolean } {
  const seen = new Set<string>();
  return {
    firstTime(eventId) {
      if (eventId === undefined) return true;
      if (seen.has(eventId)) return false;
      seen.add(eventId);
      if (seen.size > max) seen.delete(seen.values().next().value!);
      return true;
    },
  };
}
