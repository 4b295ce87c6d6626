import type { App, BlockButtonAction, MessageShortcut, RespondArguments, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ChannelPolicy } from '../../src/channels/channelPolicy.js';
import { describeChannel, type ChannelSettings } from '../../src/channels/channelSettings.js';
import { looksLikeQuestion } from '../../src/channels/questionDetection.js';
import { createSeenIds } from '../../src/channels/seenIds.js';
import type { Logger } from '../../src/log.js';
import { isHelpRequest } from '../../src/service/help.js';
import { settleWithin } from '../../src/shared/deadline.js';
import { FRIENDLY_ERROR_TEXT, STALE_BUTTON_TEXT } from '../../src/service/texts.js';
import type { AskOutcome, AskRequest, BotService } from '../../src/service/types.js';
import { toUserKey } from '../../src/service/userKey.js';
import { decodeAnswerRef } from './actionValue.js';
import {
  CHANNEL_ANSWER_BUTTONS,
  feedbackThanksToSlackMessage,
  helpToSlackMessage,
  NO_BUTTONS,
  noticeToSlackMessage,
  PRIVATE_ANSWER_BUTTONS,
  textToSlackMessage,
  THREAD_ANSWER_BUTTONS,
  toSlackMessage,
  withAskMentor,
  type AnswerButtons,
  type SlackMessage,
} from './blocks.js';
import { safeErrorFields } from './boltLogger.js';
import { ActionId, ASK_BUTTON_PATTERN, FIND_ANSWER_CALLBACK_ID, SLASH_COMMAND } from './ids.js';
import { notHelpfulModal } from './mentorBlocks.js';
import { slackTextToQuestion } from './questionText.js';
import { listenerTableOf } from './listenerTable.js';
import { readThread } from './threads.js';

/** Shown when the "Find an answer" shortcut is used on a message without text (an image, a file). */
export const EMPTY_MESSAGE_TEXT = 'That message has no text I can look up.';
/** The acknowledgement of a slash command whose answer is not ready in time; the answer replaces it. */
export const WORKING_TEXT = ':hourglass_flowing_sand: Looking that up…';

/** What the listeners need from the composition root. */
export interface SlackListenerDeps {
  service: BotService;
  logger: Logger;
  /** Secret values to keep out of logged errors. */
  secrets: readonly string[];
  /**
   * How long a slash command waits for the core before acknowledging with {@link WORKING_TEXT} and sending the
   * answer to `response_url` instead. Slack gives 3 seconds; an answer normally takes well under one millisecond.
   */
  ackDeadlineMs: number;
  /** How to behave in each channel: Q&A channels, mentions only, off; corpus scope and confidence. */
  channels: ChannelPolicy;
  /**
   * SLACK_MENTOR_CHANNEL, when the mentor loop is on: answers carry "Ask a mentor", and the mentors' channel is left
   * to the mentor listeners (a reply there answers a hand-off; the bot never answers it as a question).
   */
  mentorChannel?: string | undefined;
}

interface Asker {
  team: string;
  user: string;
}

/**
 * Connects every Slack entry point (the slash command, buttons, mentions, DMs, the message shortcut) to the core:
 * Slack text in, `service.ask` / `recordVote` / `help`, the pure renderers, and the message back to where the
 * person will see it. Every listener catches its own failures: the person gets {@link FRIENDLY_ERROR_TEXT} where one
 * can still be delivered, the log gets the cause.
 */
export function registerSlackListeners(app: App, deps: SlackListenerDeps): void {
  const { service, logger } = deps;
  const on = listenerTableOf(app);

  const fail = (where: string, error: unknown): void => {
    logger.error({ where, error: safeErrorFields(error, deps.secrets) }, 'Slack listener failed');
  };

  /** Asks the core; an exception becomes the friendly notice (and a log line), never a stack trace in chat. */
  const ask = async (
    where: string,
    who: Asker,
    question: string,
    offset = 0,
    channel?: AskRequest['channel'],
  ): Promise<AskOutcome> => {
    try {
      return await service.ask({
        platform: 'slack',
        userKey: toUserKey('slack', who.team, who.user),
        question,
        offset,
        ...(channel ? { channel } : {}),
      });
    } catch (error) {
      fail(where, error);
      return { kind: 'notice', notice: { code: 'INTERNAL', text: FRIENDLY_ERROR_TEXT } };
    }
  };

  const mentorsOn = deps.mentorChannel !== undefined;
  const render = (outcome: AskOutcome, buttons: Readonly<AnswerButtons>): SlackMessage =>
    outcome.kind === 'answer'
      ? toSlackMessage(outcome.answer, { buttons: withAskMentor(buttons, mentorsOn) })
      : noticeToSlackMessage(outcome.notice);

  const help = (channelId?: string): SlackMessage => {
    try {
      // In a DM (D…) there is nothing channel-specific to say.
      const here =
        channelId && !channelId.startsWith('D')
          ? describeChannel(deps.channels.settings('slack', channelId))
          : undefined;
      return helpToSlackMessage({ ...service.help(), ...(here ? { here } : {}) });
    } catch (error) {
      fail('help', error);
      return textToSlackMessage(FRIENDLY_ERROR_TEXT);
    }
  };

  on.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    const question = slackTextToQuestion(command.text);
    if (isHelpRequest(question)) {
      await ack(ephemeral(help(command.channel_id)));
      return;
    }
    const answer = ask('command', { team: command.team_id, user: command.user_id }, question)
      .then((outcome) => render(outcome, PRIVATE_ANSWER_BUTTONS))
      .catch((error: unknown) => {
        fail('command', error);
        return textToSlackMessage(FRIENDLY_ERROR_TEXT);
      });
    // The fast path: the answer travels in the acknowledgement itself, saving a round trip to response_url.
    const ready = await settleWithin(answer, deps.ackDeadlineMs);
    if (ready !== undefined) {
      await ack(ephemeral(ready));
      return;
    }
    await ack(ephemeral(textToSlackMessage(WORKING_TEXT)));
    try {
      await respond({ ...ephemeral(await answer), replace_original: true });
    } catch (error) {
      fail('command follow-up', error);
    }
  });

  on.action<BlockButtonAction>(ActionId.share, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('share', fail, async () => {
      const ref = decodeAnswerRef(action.value);
      if (ref === undefined) return respondPrivately(respond, textToSlackMessage(STALE_BUTTON_TEXT));
      const outcome = await ask('share', clicker(body), ref.question, ref.offset);
      if (outcome.kind !== 'answer' || outcome.answer.declined) {
        return respondPrivately(respond, render(outcome, NO_BUTTONS));
      }
      // Through response_url, so sharing works even in channels the bot was never invited to.
      const shared = toSlackMessage(outcome.answer, {
        buttons: NO_BUTTONS,
        sharedBy: body.user.name ?? body.user.username,
      });
      await respond({ response_type: 'in_channel', replace_original: false, ...shared });
    });
  });

  for (const [actionId, helpful] of [
    [ActionId.helpful, true],
    [ActionId.notHelpful, false],
  ] as const) {
    on.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond, client }) => {
      await ack();
      await guard('feedback', fail, async () => {
        const ref = decodeAnswerRef(action.value);
        if (ref?.passageId === undefined) return respondPrivately(respond, textToSlackMessage(STALE_BUTTON_TEXT));
        const who = clicker(body);
        // The vote counts at once; the form then asks why, and its answer replaces this vote with one that says.
        // Opened first: the trigger_id is good for 3 seconds only.
        const asked = helpful
          ? undefined
          : client.views
              .open({
                trigger_id: body.trigger_id,
                view: notHelpfulModal({ question: ref.question, passageId: ref.passageId }),
              })
              .catch((error: unknown) => fail('not helpful form', error));
        const saved = await service.recordVote({
          platform: 'slack',
          question: ref.question,
          passageId: ref.passageId,
          helpful,
          userId: toUserKey('slack', who.team, who.user),
        });
        await asked;
        await respondPrivately(
          respond,
          saved.ok ? feedbackThanksToSlackMessage(helpful) : noticeToSlackMessage(saved.notice),
        );
      });
    });
  }

  const askFromButton = async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    await guard('more', fail, async () => {
      const ref = decodeAnswerRef(action.value);
      if (ref === undefined) return respondPrivately(respond, textToSlackMessage(STALE_BUTTON_TEXT));
      const outcome = await ask('more', clicker(body), ref.question, ref.offset);
      // A private message is the clicker's own: turn its page. A public one belongs to everyone: answer aside.
      const isPrivate = body.container?.is_ephemeral === true;
      await respond({ ...ephemeral(render(outcome, PRIVATE_ANSWER_BUTTONS)), replace_original: isPrivate });
    });
  };
  on.action<BlockButtonAction>(ActionId.more, askFromButton);
  on.action<BlockButtonAction>(ASK_BUTTON_PATTERN, askFromButton);

  const post = (client: App['client'], where: Thread, message: SlackMessage) =>
    client.chat.postMessage({
      channel: where.channel,
      thread_ts: where.threadTs,
      unfurl_links: false,
      unfurl_media: false,
      ...message,
    });

  /** A question someone put to the bot (mention, DM): answered in the thread, a decline said kindly. */
  const answerAsked = async (
    client: App['client'],
    where: Thread,
    who: Asker,
    question: string,
    channel: AskRequest['channel'],
  ) => {
    const message = isHelpRequest(question)
      ? help(where.channel)
      : render(await ask('thread', who, question, 0, channel), THREAD_ANSWER_BUTTONS);
    await post(client, where, message);
  };

  /**
   * A question nobody put to the bot (a Q&A channel, a follow-up in its thread): answered only when the docs answer
   * it with the channel's confidence; otherwise silence (the core records it as unanswered).
   */
  const answerUnasked = async (
    client: App['client'],
    where: Thread,
    who: Asker,
    question: string,
    settings: ChannelSettings,
    threadQuestion?: string,
  ) => {
    const outcome = await ask('channel', who, question, 0, {
      minConfidence: settings.minConfidence,
      ...(settings.scope ? { scope: settings.scope } : {}),
      ...(threadQuestion ? { threadQuestion } : {}),
    });
    if (outcome.kind !== 'answer' || outcome.answer.declined) {
      logger.debug(
        { channel: where.channel, outcome: outcome.kind === 'answer' ? 'declined' : outcome.notice.code },
        'stayed silent in channel',
      );
      return;
    }
    await post(
      client,
      where,
      toSlackMessage(outcome.answer, { buttons: withAskMentor(CHANNEL_ANSWER_BUTTONS, mentorsOn) }),
    );
  };

  const seen = createSeenIds();
  /** A retry (X-Slack-Retry-Num) or a repeated event_id: the first delivery is already being answered. */
  const repeated = (context: { retryNum?: number }, body: unknown) =>
    context.retryNum !== undefined || !seen.firstTime((body as { event_id?: string }).event_id);

  on.event('app_mention', async ({ event, client, context, body }) => {
    const user = event.user;
    // Mentions inside a DM also arrive as message.im and are answered there.
    if (repeated(context, body) || event.bot_id !== undefined || user === undefined || event.channel.startsWith('D'))
      return;
    const settings = deps.channels.settings('slack', event.channel);
    if (settings.mode === 'off') return;
    await guard('mention', fail, async () => {
      const where = { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
      const inThread = event.thread_ts !== undefined && event.thread_ts !== event.ts;
      const thread = inThread ? await readThread(client, where, context) : undefined;
      await answerAsked(
        client,
        where,
        { team: context.teamId ?? event.team ?? 'unknown', user },
        slackTextToQuestion(event.text, context.botUserId),
        {
          ...(settings.scope ? { scope: settings.scope } : {}),
          ...(thread?.firstQuestion ? { threadQuestion: thread.firstQuestion } : {}),
        },
      );
    });
  });

  on.event('message', async ({ event, client, context, body }) => {
    // Only people's own new messages: edits, joins and every bot's messages (ours included) are skipped, so two
    // bots can never answer each other in a loop.
    if (event.subtype !== undefined || event.bot_id !== undefined || repeated(context, body)) return;
    if (event.user === undefined || event.user === context.botUserId || event.channel === deps.mentorChannel) return;
    const who = { team: context.teamId ?? event.team ?? 'unknown', user: event.user };
    const text = event.text ?? '';
    const where = { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
    const inThread = event.thread_ts !== undefined && event.thread_ts !== event.ts;

    if (event.channel_type === 'im') {
      await guard('dm', fail, async () => {
        const thread = inThread ? await readThread(client, where, context) : undefined;
        await answerAsked(
          client,
          where,
          who,
          slackTextToQuestion(text, context.botUserId),
          thread?.firstQuestion ? { threadQuestion: thread.firstQuestion } : undefined,
        );
      });
      return;
    }
    if (event.channel_type !== 'channel' && event.channel_type !== 'group') return;
    // A message that mentions the bot also arrives as app_mention, which answers it: one answer per message.
    if (context.botUserId !== undefined && text.includes(`<@${context.botUserId}>`)) return;
    const settings = deps.channels.settings('slack', event.channel);
    if (settings.mode === 'off') return;
    const question = slackTextToQuestion(text, context.botUserId);
    if (!looksLikeQuestion(question)) return;
    await guard('channel', fail, async () => {
      if (!inThread) {
        if (settings.mode === 'all-questions') await answerUnasked(client, where, who, question, settings);
        return;
      }
      const thread = await readThread(client, where, context);
      if (thread.botAnswered) await answerUnasked(client, where, who, question, settings, thread.firstQuestion);
    });
  });

  on.shortcut<MessageShortcut>(
    { type: 'message_action', callback_id: FIND_ANSWER_CALLBACK_ID },
    async ({ ack, shortcut, respond, context }) => {
      await ack();
      await guard('shortcut', fail, async () => {
        const question = slackTextToQuestion(shortcut.message.text ?? '', context.botUserId);
        if (question === '') return respondPrivately(respond, textToSlackMessage(EMPTY_MESSAGE_TEXT));
        const who = { team: shortcut.team?.id ?? shortcut.user.team_id ?? 'unknown', user: shortcut.user.id };
        await respondPrivately(respond, render(await ask('shortcut', who, question), PRIVATE_ANSWER_BUTTONS));
      });
    },
  );

  app.error(async (error) => fail('bolt', error));
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction>;

/** Where a thread answer goes: the channel, and the `ts` of the thread's first message. */
interface Thread {
  channel: string;
  threadTs: string;
}

function ephemeral(message: SlackMessage): RespondArguments & SlackMessage {
  return { response_type: 'ephemeral', ...message };
}

async function respondPrivately(
  respond: (message: RespondArguments) => Promise<unknown>,
  message: SlackMessage,
): Promise<void> {
  await respond({ ...ephemeral(message), replace_original: false });
}

function clicker(body: BlockButtonAction): Asker {
  return { team: body.team?.id ?? body.user.team_id ?? 'unknown', user: body.user.id };
}

/** Runs one listener's work; a failure is logged (there is nobody left to tell once delivery itself failed). */
async function guard(
  where: string,
  fail: (where: string, error: unknown) => void,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    fail(where, error);
  }
}
