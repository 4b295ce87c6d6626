import type { App, BlockButtonAction, MessageShortcut, RespondArguments, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { isHelpRequest } from '../../src/service/help.js';
import { settleWithin } from '../../src/shared/deadline.js';
import { FRIENDLY_ERROR_TEXT, STALE_BUTTON_TEXT } from '../../src/service/texts.js';
import type { AskOutcome, BotService } from '../../src/service/types.js';
import { toUserKey } from '../../src/service/userKey.js';
import { decodeAnswerRef } from './actionValue.js';
import {
  feedbackThanksToSlackMessage,
  helpToSlackMessage,
  NO_BUTTONS,
  noticeToSlackMessage,
  PRIVATE_ANSWER_BUTTONS,
  textToSlackMessage,
  THREAD_ANSWER_BUTTONS,
  toSlackMessage,
  type AnswerButtons,
  type SlackMessage,
} from './blocks.js';
import { safeErrorFields } from './boltLogger.js';
import { ActionId, ASK_BUTTON_PATTERN, FIND_ANSWER_CALLBACK_ID, SLASH_COMMAND } from './ids.js';
import { slackTextToQuestion } from './questionText.js';

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

  const fail = (where: string, error: unknown): void => {
    logger.error({ where, error: safeErrorFields(error, deps.secrets) }, 'Slack listener failed');
  };

  /** Asks the core; an exception becomes the friendly notice (and a log line), never a stack trace in chat. */
  const ask = async (where: string, who: Asker, question: string, offset = 0): Promise<AskOutcome> => {
    try {
      return await service.ask({
        platform: 'slack',
        userKey: toUserKey('slack', who.team, who.user),
        question,
        offset,
      });
    } catch (error) {
      fail(where, error);
      return { kind: 'notice', notice: { code: 'INTERNAL', text: FRIENDLY_ERROR_TEXT } };
    }
  };

  const render = (outcome: AskOutcome, buttons: Readonly<AnswerButtons>): SlackMessage =>
    outcome.kind === 'answer' ? toSlackMessage(outcome.answer, { buttons }) : noticeToSlackMessage(outcome.notice);

  const help = (): SlackMessage => {
    try {
      return helpToSlackMessage(service.help());
    } catch (error) {
      fail('help', error);
      return textToSlackMessage(FRIENDLY_ERROR_TEXT);
    }
  };

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    const question = slackTextToQuestion(command.text);
    if (isHelpRequest(question)) {
      await ack(ephemeral(help()));
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

  app.action<BlockButtonAction>(ActionId.share, async ({ ack, body, action, respond }) => {
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
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      await guard('feedback', fail, async () => {
        const ref = decodeAnswerRef(action.value);
        if (ref?.passageId === undefined) return respondPrivately(respond, textToSlackMessage(STALE_BUTTON_TEXT));
        const who = clicker(body);
        service.recordVote({
          platform: 'slack',
          question: ref.question,
          passageId: ref.passageId,
          helpful,
          userId: toUserKey('slack', who.team, who.user),
        });
        await respondPrivately(respond, feedbackThanksToSlackMessage(helpful));
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
  app.action<BlockButtonAction>(ActionId.more, askFromButton);
  app.action<BlockButtonAction>(ASK_BUTTON_PATTERN, askFromButton);

  const replyInThread = async (
    client: App['client'],
    where: { channel: string; threadTs: string },
    who: Asker,
    question: string,
  ): Promise<void> => {
    const message = isHelpRequest(question)
      ? help()
      : render(await ask('thread', who, question), THREAD_ANSWER_BUTTONS);
    await client.chat.postMessage({
      channel: where.channel,
      thread_ts: where.threadTs,
      unfurl_links: false,
      unfurl_media: false,
      ...message,
    });
  };

  app.event('app_mention', async ({ event, client, context }) => {
    const user = event.user;
    // Slack retries only when our acknowledgement was lost; the first delivery is already being answered.
    // Mentions inside a DM also arrive as message.im and are answered there.
    if (context.retryNum || event.bot_id !== undefined || user === undefined || event.channel.startsWith('D')) return;
    await guard('mention', fail, () =>
      replyInThread(
        client,
        { channel: event.channel, threadTs: event.thread_ts ?? event.ts },
        { team: context.teamId ?? event.team ?? 'unknown', user },
        slackTextToQuestion(event.text, context.botUserId),
      ),
    );
  });

  app.event('message', async ({ event, client, context }) => {
    // Only people's own new messages in a DM: edits, joins and every bot's messages (ours included) are skipped,
    // so two bots can never answer each other in a loop.
    if (context.retryNum || event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id !== undefined)
      return;
    await guard('dm', fail, () =>
      replyInThread(
        client,
        { channel: event.channel, threadTs: event.thread_ts ?? event.ts },
        { team: context.teamId ?? event.team ?? 'unknown', user: event.user },
        slackTextToQuestion(event.text ?? '', context.botUserId),
      ),
    );
  });

  app.shortcut<MessageShortcut>(
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
