import {
  ChannelType,
  MessageType,
  type AnyThreadChannel,
  type Client,
  type Message,
  type MessageCreateOptions,
} from 'discord.js';
import type { ChannelPolicy } from '../../src/channels/channelPolicy.js';
import type { ChannelSettings } from '../../src/channels/channelSettings.js';
import { looksLikeQuestion } from '../../src/channels/questionDetection.js';
import { createSeenIds } from '../../src/channels/seenIds.js';
import type { Logger } from '../../src/log.js';
import { isHelpRequest } from '../../src/service/help.js';
import type { AskRequest, BotService } from '../../src/service/types.js';
import { toUserKey } from '../../src/service/userKey.js';
import { helpToDiscordMessage, noticeToDiscordMessage, toDiscordMessage, type DiscordMessage } from './embeds.js';
import type { Scrubber } from '../../src/shared/scrub.js';
import { describeError } from './logging.js';
import { discordTextToQuestion } from './questionText.js';
import { describeChannel } from '../../src/channels/channelSettings.js';

/** Messages of a thread read to learn whether the bot answered there; its answer is the first reply. */
export const THREAD_READ_LIMIT = 50;

export interface ChannelMessageDeps {
  service: BotService;
  channels: ChannelPolicy;
  logger: Logger;
  scrub: Scrubber;
  /** DISCORD_MESSAGE_CONTENT: message text is readable (else only mentions and forum titles are). */
  messageContent: boolean;
  /** The mentor loop is on: answers and declines carry Ask a mentor. */
  askMentor?: boolean;
}

/** What is known about the thread a message was posted in. */
interface ThreadFacts {
  botAnswered: boolean;
  firstQuestion: string;
}

/**
 * Answers messages in Discord channels: new posts in Q&A forums (title, and starter message when Message Content
 * is on), questions in Q&A text channels (Message Content on), mentions anywhere, and follow-ups in threads the bot
 * answered in. Unasked answers need the channel's confidence and are silent otherwise; asked ones (a mention) say
 * kindly when the docs do not answer. Every message goes out with `allowed_mentions: { parse: [] }`.
 */
export function createChannelMessageHandler(
  client: Client,
  deps: ChannelMessageDeps,
): (message: Message) => Promise<void> {
  const seen = createSeenIds();
  const inChannel = { ephemeral: false, showActions: true, votesOnly: true, askMentor: deps.askMentor === true };

  const ask = async (message: Message, question: string, channel: AskRequest['channel']) =>
    deps.service.ask({
      platform: 'discord',
      userKey: toUserKey('discord', message.author.id),
      question,
      ...(channel ? { channel } : {}),
    });

  const unaskedOptions = (settings: ChannelSettings, threadQuestion?: string): AskRequest['channel'] => ({
    minConfidence: settings.minConfidence,
    ...(settings.scope ? { scope: settings.scope } : {}),
    ...(threadQuestion ? { threadQuestion } : {}),
  });

  /** Posts the answer, or stays silent when the docs do not answer confidently (the core records it). */
  const answerUnasked = async (message: Message, question: string, channel: AskRequest['channel'], send: Send) => {
    const outcome = await ask(message, question, channel);
    if (outcome.kind !== 'answer' || outcome.answer.declined) {
      deps.logger.debug(
        { channel: message.channelId, outcome: outcome.kind === 'answer' ? 'declined' : outcome.notice.code },
        'stayed silent in channel',
      );
      return;
    }
    await send(toDiscordMessage(outcome.answer, inChannel));
  };

  const answerAsked = async (
    message: Message,
    question: string,
    settings: ChannelSettings,
    context: { threadQuestion?: string; details?: string },
    send: Send,
  ) => {
    if (isHelpRequest(question)) {
      await send(publicly(helpToDiscordMessage({ ...deps.service.help(), here: describeChannel(settings) })));
      return;
    }
    const outcome = await ask(message, question, {
      ...(settings.scope ? { scope: settings.scope } : {}),
      ...(context.threadQuestion ? { threadQuestion: context.threadQuestion } : {}),
      ...(context.details ? { details: context.details } : {}),
    });
    await send(
      outcome.kind === 'answer'
        ? toDiscordMessage(outcome.answer, inChannel)
        : publicly(noticeToDiscordMessage(outcome.notice)),
    );
  };

  const readThread = async (thread: AnyThreadChannel): Promise<ThreadFacts> => {
    const botId = client.user?.id;
    const messages = await thread.messages.fetch({ limit: THREAD_READ_LIMIT });
    // A forum post's starter message shares the thread's id. A title that asks is the question; a title that only
    // names the topic ("DevOps developers") is read with the starter message under it.
    const title = discordTextToQuestion(thread.name);
    const starter = deps.messageContent && !looksLikeQuestion(title) ? questionText(messages.get(thread.id)) : '';
    const firstQuestion = [title, starter].filter(Boolean).join(' ');
    return { botAnswered: messages.some((m) => m.author.id === botId), firstQuestion };
  };

  return async (message: Message) => {
    try {
      const botId = client.user?.id;
      // People's own new messages only: never a bot (itself included), a webhook or a system message, so two bots
      // cannot answer each other in a loop; and each message once, even if the gateway replays it.
      if (message.author.bot || message.author.id === botId || message.webhookId || message.system) return;
      if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return;
      if (!message.inGuild() || !seen.firstTime(message.id)) return;
      const channel = message.channel;
      const mentioned = botId !== undefined && message.mentions.users.has(botId);
      const text = questionText(message);

      if (channel.isThread()) {
        const parentId = channel.parentId;
        if (!parentId) return;
        const settings = deps.channels.settings('discord', parentId);
        if (settings.mode === 'off') return;
        const inThread: Send = (reply) => channel.send(toCreateOptions(reply)).then(() => undefined);
        if (message.id === channel.id && channel.parent?.type === ChannelType.GuildForum) {
          // A new forum post: the title asks, the starter message (readable with Message Content) explains.
          if (settings.mode !== 'all-questions' && !mentioned) return;
          const details = text ? { details: text } : {};
          const title = discordTextToQuestion(channel.name);
          if (mentioned) await answerAsked(message, title, settings, { ...details }, inThread);
          else await answerUnasked(message, title, { ...unaskedOptions(settings), ...details }, inThread);
          return;
        }
        if (!mentioned && !looksLikeQuestion(text)) return;
        const thread = await readThread(channel);
        if (mentioned) await answerAsked(message, text, settings, { threadQuestion: thread.firstQuestion }, inThread);
        else if (thread.botAnswered)
          await answerUnasked(message, text, unaskedOptions(settings, thread.firstQuestion), inThread);
        return;
      }

      const settings = deps.channels.settings('discord', message.channelId);
      if (settings.mode === 'off') return;
      const asReply: Send = (reply) =>
        message
          .reply({ ...toCreateOptions(reply), allowedMentions: { parse: [], repliedUser: false } })
          .then(() => undefined);
      if (mentioned) await answerAsked(message, text, settings, {}, asReply);
      else if (settings.mode === 'all-questions' && deps.messageContent && looksLikeQuestion(text)) {
        await answerUnasked(message, text, unaskedOptions(settings), asReply);
      }
    } catch (error) {
      deps.logger.error(
        { code: 'DISCORD_MESSAGE_FAILED', err: describeError(error, deps.scrub) },
        'could not answer a channel message',
      );
    }
  };
}

type Send = (message: DiscordMessage) => Promise<void>;

/** A channel message is seen by everyone; the renderers' private flag does not apply. */
function publicly(message: DiscordMessage): DiscordMessage {
  const { flags: _private, ...rest } = message;
  return rest;
}

/** What the person typed: mention markup (the bot's own included) addresses people and is not part of the question. */
function questionText(message: Message | undefined): string {
  return message ? discordTextToQuestion(message.content) : '';
}

/** A channel message from a rendered one: channel messages cannot be ephemeral, and never ping anyone. */
function toCreateOptions(message: DiscordMessage): MessageCreateOptions {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
  };
}
