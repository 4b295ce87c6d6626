/** Ids remembered for de-duplication; a repeat comes within minutes, long before this many newer messages. */
export const SEEN_IDS_MAX = 10_000;

/**
 * Remembers the event or message ids this process has handled, so a delivery the platform repeats (a Slack retry
 * whose header was lost, a Socket Mode redelivery, a gateway replay after a resume) is answered at most once.
 * Bounded: the oldest ids are forgotten first.
 */
export function createSeenIds(max = SEEN_IDS_MAX): { firstTime(eventId: string | undefined): boolean } {
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
