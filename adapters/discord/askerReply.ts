import { parseJsonObject } from '../../src/shared/jsonObject.js';

/**
 * Where a mentor's answer goes back to on Discord, encoded into the hand-off's opaque `origin.reply` (the core stores
 * it and hands it back untouched).
 *
 * - `channel`: the question was answered in public (a Q&A channel or thread): the answer is posted there, as a reply
 *   to the bot's answer, where the asker and everyone who saw the question read it.
 * - `dm`: the question was answered privately (`/backend`, Find an answer): an ephemeral reply can only be followed up
 *   for 15 minutes and a mentor may take hours, so the answer comes as a direct message.
 */
export type AskerReply =
  | { to: 'channel'; channelId: string; messageId: string }
  | { to: 'dm'; userId: string; channelId: string };

const SNOWFLAKE = /^\d{5,25}$/;

export function encodeAskerReply(reply: AskerReply): string {
  return JSON.stringify({ v: 1, ...reply });
}

/** Reads back what {@link encodeAskerReply} wrote; undefined for anything else (a hand-off of another platform). */
export function decodeAskerReply(raw: string): AskerReply | undefined {
  const r = parseJsonObject(raw);
  if (!r) return undefined;
  const ids = (...keys: string[]) => keys.every((k) => typeof r[k] === 'string' && SNOWFLAKE.test(r[k] as string));
  if (r.v !== 1) return undefined;
  if (r.to === 'channel' && ids('channelId', 'messageId'))
    return { to: 'channel', channelId: r.channelId as string, messageId: r.messageId as string };
  if (r.to === 'dm' && ids('userId', 'channelId'))
    return { to: 'dm', userId: r.userId as string, channelId: r.channelId as string };
  return undefined;
}

/**
 * The reference of a hand-off post, as told to the core (`recordHandoffPost`) and looked up when a mentor replies in
 * the post's thread: a thread started on a message has that message's id, and its parent is the channel.
 */
export function postReference(channelId: string, messageId: string): string {
  return `${channelId}/${messageId}`;
}

/** The channel and message of a post reference; undefined when it is not one of ours. */
export function parsePostReference(reference: string): { channelId: string; messageId: string } | undefined {
  const [channelId, messageId, ...rest] = reference.split('/');
  if (rest.length > 0 || !channelId || !messageId || !SNOWFLAKE.test(channelId) || !SNOWFLAKE.test(messageId))
    return undefined;
  return { channelId, messageId };
}
