/**
 * The re-post rule: a hand-off nobody has taken is posted once more after MENTOR_REPOST_MINUTES; taken or answered
 * ones, and ones already re-posted, never are. The store applies it in one conditional update (so one replica wins);
 * this is the cut-off it compares creation times with.
 */
export function repostCutoff(now: Date, repostMinutes: number): string {
  return new Date(now.getTime() - repostMinutes * 60_000).toISOString();
}
