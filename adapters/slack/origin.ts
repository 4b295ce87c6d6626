import { parseJsonObject } from '../../src/shared/jsonObject.js';

/**
 * Where a mentor's answer goes back to on Slack, packed into the hand-off's opaque `origin.reply` (the core stores it
 * and hands it back untouched).
 *
 * - A question answered in a thread (a mention, a DM, a Q&A channel) gets the answer in that same thread.
 * - A question answered privately (`/backend`, the "Find an answer" shortcut: ephemeral messages) gets it in a
 *   direct message from the bot. An answer may come hours later: `response_url` expires after 30 minutes (and 5
 *   uses), and `chat.postEphemeral` shows only to someone in the channel at that moment, is lost on reload, and
 *   fails in a channel the bot was never invited to (slash commands work there). A DM is kept and notifies.
 */
export type SlackReply = { kind: 'thread'; channel: string; threadTs: string } | { kind: 'dm'; user: string };

const SLACK_ID = /^[A-Z0-9]{2,40}$/;
const TS = /^\d{1,12}\.\d{1,8}$/;

/** The reply target as the string the core keeps. */
export function encodeSlackReply(reply: SlackReply): string {
  return JSON.stringify(reply.kind === 'thread' ? { t: reply.channel, ts: reply.threadTs } : { dm: reply.user });
}

/** Reads a reply target back; undefined for anything this adapter did not write (another platform's, a bad row). */
export function decodeSlackReply(value: string): SlackReply | undefined {
  const parsed = parseJsonObject(value);
  if (!parsed) return undefined;
  const { t, ts, dm } = parsed;
  if (typeof t === 'string' && typeof ts === 'string' && SLACK_ID.test(t) && TS.test(ts))
    return { kind: 'thread', channel: t, threadTs: ts };
  if (typeof dm === 'string' && SLACK_ID.test(dm)) return { kind: 'dm', user: dm };
  return undefined;
}

/** The core's reference to a post in the mentors' channel: the channel and the message's `ts`. */
export function postReference(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

/** The channel and `ts` of a post reference this adapter wrote. */
export function parsePostReference(reference: string): { channel: string; ts: string } | undefined {
  const [channel, ts, ...rest] = reference.split('/');
  if (rest.length > 0 || channel === undefined || ts === undefined) return undefined;
  return SLACK_ID.test(channel) && TS.test(ts) ? { channel, ts } : undefined;
}
