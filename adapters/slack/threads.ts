import type { App } from '@slack/bolt';
import { slackTextToQuestion } from './questionText.js';

/** Messages of a thread read to learn whether the bot answered there; its answers come early in a thread. */
export const THREAD_READ_LIMIT = 100;

/** What a reply in a thread needs to know about the thread. */
export interface ThreadFacts {
  /** The bot has posted in the thread: a reply there is a follow-up it should answer. */
  botAnswered: boolean;
  /** The thread's first message, as the person typed it: the context for a thin follow-up. */
  firstQuestion?: string;
}

/**
 * Reads a thread from Slack (`conversations.replies`) rather than from memory, so any replica can answer its next
 * message. Bot messages are recognised by our bot id or our bot user.
 */
export async function readThread(
  client: App['client'],
  where: { channel: string; threadTs: string },
  bot: { botId?: string; botUserId?: string },
): Promise<ThreadFacts> {
  const replies = await client.conversations.replies({
    channel: where.channel,
    ts: where.threadTs,
    limit: THREAD_READ_LIMIT,
  });
  const messages = replies.messages ?? [];
  const isOurs = (m: { bot_id?: string; user?: string }) =>
    (bot.botId !== undefined && m.bot_id === bot.botId) || (bot.botUserId !== undefined && m.user === bot.botUserId);
  const first = messages.find((m) => m.ts === where.threadTs);
  return {
    botAnswered: messages.some((m) => m.ts !== where.threadTs && isOurs(m)),
    ...(first && !isOurs(first) && first.text ? { firstQuestion: slackTextToQuestion(first.text, bot.botUserId) } : {}),
  };
}
