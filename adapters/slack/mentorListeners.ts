import type {
  App,
  BlockButtonAction,
  MessageShortcut,
  RespondArguments,
  SlackActionMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { SlackMentorsConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { AskerOrigin, MentorAnswer, MentorRef } from '../../src/mentors/types.js';
import { parseVoteReason } from '../../src/mentors/voteReasons.js';
import {
  ANSWER_NOT_FOUND_TEXT,
  ANSWER_RETIRED_DONE_TEXT,
  ANSWER_RETIRED_TEXT,
  FRIENDLY_ERROR_TEXT,
  HANDOFF_ANSWERED_TEXT,
  HANDOFF_NOT_FOUND_TEXT,
  MENTOR_ALREADY_ASKED_TEXT,
  MENTOR_ANSWER_SENT_TEXT,
  MENTOR_ASKED_TEXT,
  NOT_A_MENTOR_TEXT,
  STALE_BUTTON_TEXT,
} from '../../src/service/texts.js';
import type { BotService, HandoffOutcome } from '../../src/service/types.js';
import { toUserKey } from '../../src/service/userKey.js';
import { decodeMentorAskRef } from './actionValue.js';
import { textToSlackMessage, type SlackMessage } from './blocks.js';
import { safeErrorFields } from './boltLogger.js';
import { ActionId, SAVE_ANSWER_CALLBACK_ID, ViewId } from './ids.js';
import {
  answerModal,
  decodeVoteRef,
  deliveryToSlackMessage,
  editAnswerModal,
  handoffToSlackMessage,
  mentorAnswerToSlackMessage,
  ModalInput,
  noticeModal,
} from './mentorBlocks.js';
import { createMentorDirectory, type MentorCheck, type MentorDirectory } from './mentorDirectory.js';
import { decodeSlackReply, encodeSlackReply, parsePostReference, postReference, type SlackReply } from './origin.js';
import { slackTextToPlain } from './questionText.js';
import { listenerTableOf } from './listenerTable.js';
import { readThread } from './threads.js';

/**
 * Added to the asker's confirmation when the answer will come as a DM: they asked privately (`/backend`, a
 * shortcut), where no thread can hold an answer that may come hours later.
 */
export const ANSWER_BY_DM_TEXT = 'Only you can see this message, so the answer will come as a direct message from me.';
/** The Edit form's result. */
export const ANSWER_EDITED_TEXT = 'Saved: new hires will now see the edited answer.';
/** "Save as answer" on someone else's message. */
export const SAVE_OWN_ONLY_TEXT = 'Save as answer works on your own messages only. Nothing was saved.';
/** "Save as answer" outside a thread the bot took part in. */
export const SAVE_IN_THREAD_ONLY_TEXT =
  'Save as answer works on your reply in a thread where I answered, or under a question handed to the mentors. Nothing was saved.';
/** A mentor action while Slack cannot say who the mentors are (the log says why: a scope, the group id). */
export const MENTOR_CHECK_FAILED_TEXT =
  "I couldn't check with Slack who the mentors are. Please try again in a moment.";

/** What the mentor loop needs from the composition root. */
export interface SlackMentorDeps {
  service: BotService;
  logger: Logger;
  mentors: SlackMentorsConfig;
  secrets: readonly string[];
  /** The clock the membership cache expires by; tests pass their own. */
  now?: () => number;
}

/** The mentor loop's side of a running Slack adapter. */
export interface SlackMentorLoop {
  /**
   * Re-posts, once, every hand-off nobody has taken within MENTOR_REPOST_MINUTES (the core claims each, so one
   * replica re-posts it). Resolves with how many were re-posted.
   */
  repostDue(now: Date): Promise<number>;
}

/**
 * The mentor loop on Slack: "Ask a mentor", the hand-off post in SLACK_MENTOR_CHANNEL (the one message that pings:
 * the SLACK_MENTOR_GROUP user group), "I'll take it", the Answer form and replies in the hand-off's thread, the
 * delivery to the asker, "Save as answer", editing and retiring mentor answers, and the reason form after "Not
 * helpful". Every mentor action is checked against the group (usergroups.users.list) first; a non-mentor is told so
 * and nothing changes.
 */
export function registerMentorListeners(app: App, deps: SlackMentorDeps): SlackMentorLoop {
  const { service, logger, mentors } = deps;
  const on = listenerTableOf(app);
  const directory: MentorDirectory = createMentorDirectory({
    client: app.client,
    group: mentors.group,
    logger,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const fail = (where: string, error: unknown): void => {
    logger.error({ where, error: safeErrorFields(error, deps.secrets) }, 'Slack mentor listener failed');
  };
  const guard = async (where: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      fail(where, error);
    }
  };
  /** Refuses a non-mentor (and anyone while Slack cannot say): the text to show, or undefined for a mentor. */
  const refusal = (check: MentorCheck): string | undefined =>
    check.mentor === true ? undefined : check.mentor === false ? NOT_A_MENTOR_TEXT : MENTOR_CHECK_FAILED_TEXT;

  const post = async (message: SlackMessage, threadTs?: string) => {
    const common = { channel: mentors.channel, unfurl_links: false, unfurl_media: false, ...message };
    const posted = threadTs
      ? await app.client.chat.postMessage({ ...common, thread_ts: threadTs, reply_broadcast: true })
      : await app.client.chat.postMessage(common);
    if (!posted.ts) throw new Error('chat.postMessage returned no ts');
    return posted.ts;
  };

  /** Re-renders a hand-off's post in place (and the copy that was clicked, when that was a re-post). */
  const updatePosts = async (
    outcome: Extract<HandoffOutcome, { ok: true }>,
    clicked?: { channel: string; ts: string },
  ) => {
    const message = handoffToSlackMessage(outcome.message, mentors.group);
    const targets = new Map<string, { channel: string; ts: string }>();
    const stored = outcome.handoff.post ? parsePostReference(outcome.handoff.post.reference) : undefined;
    if (stored) targets.set(postReference(stored.channel, stored.ts), stored);
    if (clicked) targets.set(postReference(clicked.channel, clicked.ts), clicked);
    for (const target of targets.values()) {
      await app.client.chat.update({ channel: target.channel, ts: target.ts, ...message }).catch((error: unknown) => {
        fail('hand-off update', error);
      });
    }
  };

  /** The answer to the asker where they asked: their thread, or a DM when they asked privately. */
  const deliver = async (outcome: Extract<HandoffOutcome, { ok: true }>) => {
    if (!outcome.delivery) return;
    const reply = decodeSlackReply(outcome.delivery.origin.reply);
    if (!reply) {
      logger.error({ handoff: outcome.handoff.id }, 'hand-off has no Slack reply target; answer not delivered');
      return;
    }
    const channel = reply.kind === 'thread' ? reply.channel : await openDm(reply.user);
    await app.client.chat.postMessage({
      channel,
      ...(reply.kind === 'thread' ? { thread_ts: reply.threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
      ...deliveryToSlackMessage(outcome.delivery),
    });
  };

  const openDm = async (user: string): Promise<string> => {
    const opened = await app.client.conversations.open({ users: user });
    if (!opened.channel?.id) throw new Error('conversations.open returned no channel');
    return opened.channel.id;
  };

  /** After an answer: the post shows it, the asker gets it, and the mentor (only) sees the saved answer's controls. */
  const afterAnswer = async (
    outcome: Extract<HandoffOutcome, { ok: true }>,
    mentor: MentorRef,
    tell: (message: SlackMessage) => Promise<unknown>,
  ) => {
    await updatePosts(outcome);
    await deliver(outcome);
    if (outcome.mentorAnswer) await tell(mentorAnswerToSlackMessage(outcome.mentorAnswer, MENTOR_ANSWER_SENT_TEXT));
    logger.info({ handoff: outcome.handoff.id, mentor: mentor.id }, 'hand-off answered');
  };

  /** Mentions in a mentor's message spelled as names, so the saved answer reads as it did in Slack. */
  const answerText = async (text: string): Promise<string> => {
    const ids = [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)>/g)].map((m) => m[1]!))];
    const names = new Map(
      await Promise.all(ids.map(async (id) => [id, await directory.displayName(id, 'someone')] as const)),
    );
    return slackTextToPlain(
      text.replace(/<@([UW][A-Z0-9]+)>/g, (_whole, id: string) => `<@${id}|${names.get(id) ?? 'someone'}>`),
    );
  };

  // ---- Ask a mentor ----

  on.action<BlockButtonAction>(ActionId.askMentor, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('ask mentor', async () => {
      const ref = decodeMentorAskRef(action.value);
      if (!ref) return privately(respond, textToSlackMessage(STALE_BUTTON_TEXT));
      const { origin, reply } = await askerOrigin(body);
      const outcome = await service.askMentor({ question: ref.question, origin, passageIds: ref.passageIds });
      if (!outcome.ok) return privately(respond, textToSlackMessage(outcome.notice.text));
      const whereTold = (text: string) => (reply.kind === 'dm' ? `${text}\n${ANSWER_BY_DM_TEXT}` : text);
      if (outcome.alreadyAsked) return privately(respond, textToSlackMessage(whereTold(MENTOR_ALREADY_ASKED_TEXT)));
      let ts: string;
      try {
        ts = await post(handoffToSlackMessage(outcome.message, mentors.group));
      } catch (error) {
        const code = (error as { data?: { error?: unknown } }).data?.error;
        logger.error(
          { code, hint: code === 'not_in_channel' ? 'invite the bot to SLACK_MENTOR_CHANNEL' : undefined },
          'could not post the hand-off to the mentors',
        );
        return privately(respond, textToSlackMessage(FRIENDLY_ERROR_TEXT));
      }
      await service.recordHandoffPost(outcome.handoff.id, postReference(mentors.channel, ts));
      await privately(respond, textToSlackMessage(whereTold(MENTOR_ASKED_TEXT)));
    });
  });

  /** Who asked, where, and where the answer goes: their thread, or (asked privately) a DM. */
  const askerOrigin = async (body: BlockButtonAction): Promise<{ origin: AskerOrigin; reply: SlackReply }> => {
    const channel = body.container?.channel_id ?? body.channel?.id;
    const onMessage = body.container?.is_ephemeral !== true && channel !== undefined && body.message !== undefined;
    const threadTs = onMessage ? (body.message?.thread_ts ?? body.container?.thread_ts ?? body.message?.ts) : undefined;
    const reply: SlackReply =
      onMessage && threadTs ? { kind: 'thread', channel, threadTs } : { kind: 'dm', user: body.user.id };
    const link =
      reply.kind === 'thread'
        ? await app.client.chat
            .getPermalink({ channel: reply.channel, message_ts: reply.threadTs })
            .then((r) => r.permalink)
            .catch(() => undefined)
        : undefined;
    const origin: AskerOrigin = {
      platform: 'slack',
      userId: body.user.id,
      userName: await directory.displayName(body.user.id, body.user.name ?? body.user.username),
      reply: encodeSlackReply(reply),
      ...(link ? { link } : {}),
    };
    return { origin, reply };
  };

  // ---- The hand-off post's buttons ----

  on.action<BlockButtonAction>(ActionId.takeHandoff, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('take hand-off', async () => {
      const check = await directory.check(body.user.id, body.user.name);
      const refused = refusal(check);
      if (refused || check.mentor !== true) return privately(respond, textToSlackMessage(refused ?? NOT_A_MENTOR_TEXT));
      const outcome = await service.takeHandoff(action.value ?? '', check.ref);
      if (!outcome.ok) return privately(respond, textToSlackMessage(outcome.notice.text));
      await updatePosts(outcome, clickedPost(body));
    });
  });

  on.action<BlockButtonAction>(ActionId.answerHandoff, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('answer hand-off', async () => {
      const check = await directory.check(body.user.id, body.user.name);
      const refused = refusal(check);
      if (refused) return privately(respond, textToSlackMessage(refused));
      const handoff = await service.handoff(action.value ?? '');
      if (!handoff) return privately(respond, textToSlackMessage(HANDOFF_NOT_FOUND_TEXT));
      if (handoff.state === 'answered') return privately(respond, textToSlackMessage(HANDOFF_ANSWERED_TEXT));
      await app.client.views.open({ trigger_id: body.trigger_id, view: answerModal(handoff) });
    });
  });

  on.view<ViewSubmitAction>(ViewId.answerHandoff, async ({ ack, body, view }) => {
    const text = view.state.values[ModalInput.answer.block]?.[ModalInput.answer.action]?.value ?? '';
    const check = await directory.check(body.user.id, body.user.name);
    const refused = refusal(check);
    if (refused || check.mentor !== true) return ack(formError(ModalInput.answer.block, refused ?? NOT_A_MENTOR_TEXT));
    const outcome = await service.answerHandoff(view.private_metadata, check.ref, text.trim());
    if (!outcome.ok) return ack(formError(ModalInput.answer.block, outcome.notice.text));
    await ack();
    await guard('answer form', () =>
      afterAnswer(outcome, check.ref, (message) =>
        app.client.chat.postEphemeral({ channel: mentors.channel, user: body.user.id, ...message }),
      ),
    );
  });

  // ---- A mentor's reply in a hand-off's thread is the answer ----

  on.event('message', async ({ event, context }) => {
    if (event.channel !== mentors.channel || event.subtype !== undefined || event.bot_id !== undefined) return;
    const { user, thread_ts: threadTs } = event;
    if (user === undefined || threadTs === undefined || threadTs === event.ts || context.retryNum !== undefined) return;
    await guard('hand-off reply', async () => {
      const handoff = await service.handoffByPost(postReference(event.channel, threadTs));
      // Talk in the thread after the answer, or by people who are not mentors, is just conversation.
      if (!handoff || handoff.state === 'answered') return;
      const check = await directory.check(user);
      if (check.mentor !== true) return;
      const text = await answerText(event.text ?? '');
      if (text === '') return;
      const outcome = await service.answerHandoff(handoff.id, check.ref, text);
      if (!outcome.ok) return;
      await afterAnswer(outcome, check.ref, (message) =>
        app.client.chat.postEphemeral({ channel: event.channel, user, thread_ts: threadTs, ...message }),
      );
    });
  });

  // ---- Save as answer ----

  on.shortcut<MessageShortcut>(
    { type: 'message_action', callback_id: SAVE_ANSWER_CALLBACK_ID },
    async ({ ack, shortcut, respond, context }) => {
      await ack();
      await guard('save answer', async () => {
        const { message, user } = shortcut;
        if (message.user !== user.id) return privately(respond, textToSlackMessage(SAVE_OWN_ONLY_TEXT));
        const threadTs = message.thread_ts;
        if (threadTs === undefined || threadTs === message.ts) {
          return privately(respond, textToSlackMessage(SAVE_IN_THREAD_ONLY_TEXT));
        }
        const check = await directory.check(user.id, user.name);
        const refused = refusal(check);
        if (refused || check.mentor !== true)
          return privately(respond, textToSlackMessage(refused ?? NOT_A_MENTOR_TEXT));
        const text = await answerText(message.text ?? '');
        const channel = shortcut.channel.id;
        const handoff = await service.handoffByPost(postReference(channel, threadTs));
        if (handoff && handoff.state !== 'answered') {
          const outcome = await service.answerHandoff(handoff.id, check.ref, text);
          if (!outcome.ok) return privately(respond, textToSlackMessage(outcome.notice.text));
          return afterAnswer(outcome, check.ref, (shown) => privately(respond, shown));
        }
        const thread = handoff ? undefined : await readThread(app.client, { channel, threadTs }, context);
        const question = handoff?.question ?? (thread?.botAnswered ? thread.firstQuestion : undefined);
        if (question === undefined) return privately(respond, textToSlackMessage(SAVE_IN_THREAD_ONLY_TEXT));
        const saved = await service.saveMentorAnswer({ question, text, mentor: check.ref });
        await privately(
          respond,
          saved.ok
            ? mentorAnswerToSlackMessage(
                saved.answer,
                'Saved as a mentor answer: new hires asking this will be shown it.',
              )
            : textToSlackMessage(saved.notice.text),
        );
      });
    },
  );

  // ---- Edit and retire a saved answer ----

  on.action<BlockButtonAction>(ActionId.editAnswer, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('edit answer', async () => {
      const refused = refusal(await directory.check(body.user.id, body.user.name));
      if (refused) return privately(respond, textToSlackMessage(refused));
      const answer = await service.mentorAnswer(action.value ?? '');
      if (!answer) return privately(respond, textToSlackMessage(ANSWER_NOT_FOUND_TEXT));
      if (answer.state === 'retired') return privately(respond, textToSlackMessage(ANSWER_RETIRED_TEXT));
      await app.client.views.open({ trigger_id: body.trigger_id, view: editAnswerModal(answer) });
    });
  });

  on.view<ViewSubmitAction>(ViewId.editAnswer, async ({ ack, body, view }) => {
    const text = view.state.values[ModalInput.answer.block]?.[ModalInput.answer.action]?.value ?? '';
    const check = await directory.check(body.user.id, body.user.name);
    const refused = refusal(check);
    if (refused || check.mentor !== true) return ack(formError(ModalInput.answer.block, refused ?? NOT_A_MENTOR_TEXT));
    const edited = await service.editMentorAnswer(view.private_metadata, check.ref, text.trim());
    await ack(
      edited.ok
        ? { response_action: 'update', view: noticeModal('Answer saved', ANSWER_EDITED_TEXT) }
        : formError(ModalInput.answer.block, edited.notice.text),
    );
  });

  on.action<BlockButtonAction>(ActionId.retireAnswer, async ({ ack, body, action, respond }) => {
    await ack();
    await guard('retire answer', async () => {
      const check = await directory.check(body.user.id, body.user.name);
      const refused = refusal(check);
      if (refused || check.mentor !== true) return privately(respond, textToSlackMessage(refused ?? NOT_A_MENTOR_TEXT));
      const retired = await service.retireMentorAnswer(action.value ?? '', check.ref);
      if (!retired.ok) return privately(respond, textToSlackMessage(retired.notice.text));
      await respond({ ...retiredMessage(retired.answer), response_type: 'ephemeral', replace_original: true });
    });
  });

  // ---- Why "Not helpful" ----

  on.view<ViewSubmitAction>(ViewId.notHelpful, async ({ ack, body, view }) => {
    const ref = decodeVoteRef(view.private_metadata);
    const values = view.state.values;
    const reason = parseVoteReason(values[ModalInput.reason.block]?.[ModalInput.reason.action]?.selected_option?.value);
    if (!ref || !reason) return ack(formError(ModalInput.reason.block, STALE_BUTTON_TEXT));
    const words = values[ModalInput.reasonText.block]?.[ModalInput.reasonText.action]?.value?.trim();
    const saved = await service.recordVote({
      platform: 'slack',
      question: ref.question,
      passageId: ref.passageId,
      helpful: false,
      userId: toUserKey('slack', body.team?.id ?? body.user.team_id ?? 'unknown', body.user.id),
      reason,
      ...(words ? { reasonText: words } : {}),
    });
    await ack(saved.ok ? undefined : formError(ModalInput.reason.block, saved.notice.text));
  });

  return {
    async repostDue(now) {
      const due = await service.dueReposts('slack', now);
      let reposted = 0;
      for (const { handoff, message } of due) {
        await guard('re-post', async () => {
          // In the post's own thread, broadcast to the channel: the ping is new, and replies still land in one thread.
          const root = handoff.post ? parsePostReference(handoff.post.reference) : undefined;
          const ts = await post(handoffToSlackMessage(message, mentors.group), root?.ts);
          await service.recordHandoffPost(handoff.id, postReference(mentors.channel, root?.ts ?? ts));
          reposted += 1;
        });
      }
      return reposted;
    },
  };
}

type Respond = SlackActionMiddlewareArgs['respond'];

async function privately(respond: Respond, message: SlackMessage): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, ...message } satisfies RespondArguments);
}

/** Ours: the refusal shown under a form's input, in small type; our texts are shorter, a cut one still reads. */
const FORM_ERROR_MAX = 150;

/** Keeps a modal open with the reason shown under the input, instead of closing it on a refusal. */
function formError(block: string, text: string) {
  return {
    response_action: 'errors' as const,
    errors: { [block]: Array.from(text).slice(0, FORM_ERROR_MAX).join('') },
  };
}

function clickedPost(body: BlockButtonAction): { channel: string; ts: string } | undefined {
  const channel = body.container?.channel_id;
  const ts = body.container?.message_ts;
  return channel && ts && body.container?.is_ephemeral !== true ? { channel, ts } : undefined;
}

function retiredMessage(answer: MentorAnswer): SlackMessage {
  return mentorAnswerToSlackMessage(answer, ANSWER_RETIRED_DONE_TEXT);
}
