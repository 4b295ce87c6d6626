import {
  GuildMember,
  Routes,
  type ButtonInteraction,
  type Client,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { DiscordMentorsConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { Handoff, HandoffMessage, MentorAnswerDelivery, MentorRef } from '../../src/mentors/types.js';
import { MAX_MENTOR_ANSWER_CHARS } from '../../src/mentors/types.js';
import { MAX_REASON_TEXT_CHARS, parseVoteReason, VOTE_REASON_LABELS } from '../../src/mentors/voteReasons.js';
import {
  ANSWER_NOT_FOUND_TEXT,
  ANSWER_RETIRED_DONE_TEXT,
  ANSWER_RETIRED_TEXT,
  EMPTY_TEXT_TEXT,
  HANDOFF_ANSWERED_TEXT,
  HANDOFF_NOT_FOUND_TEXT,
  MENTOR_ALREADY_ASKED_TEXT,
  MENTOR_ANSWER_SENT_TEXT,
  MENTOR_ASKED_TEXT,
  NOT_A_MENTOR_TEXT,
  STALE_BUTTON_TEXT,
  voteThanksText,
} from '../../src/service/texts.js';
import type { BotService, HandoffOutcome } from '../../src/service/types.js';
import { toUserKey } from '../../src/service/userKey.js';
import type { Scrubber } from '../../src/shared/scrub.js';
import {
  decodeAskerReply,
  encodeAskerReply,
  parsePostReference,
  postReference,
  type AskerReply,
} from './askerReply.js';
import type { AnswerAction, ModalForm } from './customIds.js';
import { lineToDiscordMessage, noticeToDiscordMessage, questionFromEmbeds, type DiscordMessage } from './embeds.js';
import { describeError } from './logging.js';
import {
  deliveryToDiscordMessage,
  handoffToDiscordPost,
  reasonMenuPassage,
  reasonPromptToDiscordMessage,
  savedAnswerToDiscordMessage,
} from './mentorMessages.js';
import { INPUT_IDS, mentorAnswerModal, reasonModal } from './modals.js';
import { replyNow, replyWhenReady, type AnswerableInteraction } from './replies.js';

/** Messages of a thread read to learn whether the bot took part there, for Save as answer. */
export const SAVE_THREAD_READ_LIMIT = 50;

/** The mentor's confirmation after editing a saved answer. */
const ANSWER_EDITED_TEXT = 'Saved: new hires will now see the edited answer.';
/** Said to the mentor when the answer was saved but could not reach the asker (DMs closed, channel gone). */
export const NOT_DELIVERED_TEXT =
  "I couldn't deliver it to the asker (they may not accept direct messages), but it is saved: asking again finds it.";
/** Added to the asker's confirmation when the answer will come as a direct message. */
export const COMES_AS_DM_TEXT = 'It will come as a direct message from me.';
/** Save as answer on a message that is not the mentor's own, or outside a thread the bot took part in. */
export const SAVE_ONLY_OWN_IN_THREAD_TEXT =
  'Save as answer works on your own message in a thread where I took part. Nothing was saved.';

/** What the mentor loop needs; only built when DISCORD_MENTOR_CHANNEL and DISCORD_MENTOR_ROLE are set. */
export interface MentorDeps {
  service: BotService;
  logger: Logger;
  scrub: Scrubber;
  config: DiscordMentorsConfig;
  client: Client;
  deferAfterMs: number;
}

/** The platform's word for who is acting: a server member with the mentor role, checked on every action. */
async function mentorOf(interaction: Interaction, deps: MentorDeps): Promise<MentorRef | undefined> {
  const { role } = deps.config;
  const member = interaction.member;
  let roles: readonly string[] | undefined;
  let name = interaction.user.globalName ?? interaction.user.username;
  if (member instanceof GuildMember) {
    roles = [...member.roles.cache.keys()];
    name = member.displayName;
  } else if (member) {
    roles = member.roles;
    name = member.nick ?? name;
  }
  if (roles === undefined) {
    // A DM carries no member: ask the server the mentors' channel belongs to.
    const fetched = await fetchMember(deps, interaction.user.id);
    if (!fetched) return undefined;
    roles = fetched.roles;
    name = fetched.name ?? name;
  }
  return roles.includes(role) ? { id: interaction.user.id, name } : undefined;
}

async function fetchMember(deps: MentorDeps, userId: string): Promise<{ roles: string[]; name?: string } | undefined> {
  const guild = deps.client.channels.cache.get(deps.config.channel);
  const guildId = guild && 'guildId' in guild ? guild.guildId : undefined;
  if (!guildId) return undefined;
  try {
    const member = (await deps.client.rest.get(Routes.guildMember(guildId, userId))) as {
      roles: string[];
      nick?: string | null;
    };
    return { roles: member.roles, ...(member.nick ? { name: member.nick } : {}) };
  } catch (error) {
    deps.logger.debug({ err: describeError(error, deps.scrub) }, 'not a member of the mentors’ server');
    return undefined;
  }
}

/** The display name Discord shows for the person acting (nickname first), as plain text. */
function displayName(interaction: Interaction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.globalName ?? interaction.user.username;
}

const refuse = (interaction: AnswerableInteraction) => replyNow(interaction, lineToDiscordMessage(NOT_A_MENTOR_TEXT));

/** Buttons and forms of the mentor loop; returns false when `action` is not one of them. */
export async function onMentorButton(
  interaction: ButtonInteraction,
  action: AnswerAction,
  deps: MentorDeps,
): Promise<boolean> {
  switch (action.kind) {
    case 'ask':
      await askMentor(interaction, deps);
      return true;
    case 'take':
      await take(interaction, action.handoffId, deps);
      return true;
    case 'answer':
      await openAnswerForm(interaction, action.handoffId, deps);
      return true;
    case 'edit':
      await openEditForm(interaction, action.answerId, deps);
      return true;
    case 'retire':
      await retire(interaction, action.answerId, deps);
      return true;
    default:
      return false;
  }
}

/**
 * Ask a mentor, on an answer or a decline: the question is read back from the message the button sits on, the core
 * stores the hand-off, and the post goes to the mentors' channel with the one ping. Where the answer will come back
 * is decided here: publicly where the question was answered publicly, else by direct message.
 */
async function askMentor(interaction: ButtonInteraction, deps: MentorDeps): Promise<void> {
  const question = questionFromEmbeds(interaction.message.embeds.map((e) => e.data));
  if (question === undefined) {
    await replyNow(interaction, lineToDiscordMessage(STALE_BUTTON_TEXT));
    return;
  }
  const privately = interaction.message.flags.has('Ephemeral');
  const reply: AskerReply = privately
    ? { to: 'dm', userId: interaction.user.id, channelId: interaction.channelId }
    : { to: 'channel', channelId: interaction.channelId, messageId: interaction.message.id };
  const where = `https://discord.com/channels/${interaction.guildId ?? '@me'}/${interaction.channelId}`;
  const work = (async (): Promise<DiscordMessage> => {
    const outcome = await deps.service.askMentor({
      question,
      origin: {
        platform: 'discord',
        userId: interaction.user.id,
        userName: displayName(interaction),
        link: privately ? where : `${where}/${interaction.message.id}`,
        reply: encodeAskerReply(reply),
      },
    });
    if (!outcome.ok) return noticeToDiscordMessage(outcome.notice);
    if (outcome.alreadyAsked) return lineToDiscordMessage(MENTOR_ALREADY_ASKED_TEXT);
    await postHandoff(outcome.handoff, outcome.message, deps);
    return lineToDiscordMessage(privately ? `${MENTOR_ASKED_TEXT} ${COMES_AS_DM_TEXT}` : MENTOR_ASKED_TEXT);
  })();
  await replyWhenReady(interaction, work, { deferAfterMs: deps.deferAfterMs, deferEphemeral: true });
}

/**
 * Posts a hand-off (first time or re-post) to the mentors' channel and tells the core where. A failed post is logged
 * and left to the re-post, so the asker's confirmation still holds.
 */
async function postHandoff(handoff: Handoff, message: HandoffMessage, deps: MentorDeps): Promise<void> {
  try {
    const body: RESTPostAPIChannelMessageJSONBody = handoffToDiscordPost(message, deps.config.role);
    const posted = (await deps.client.rest.post(Routes.channelMessages(deps.config.channel), { body })) as {
      id: string;
    };
    const saved = await deps.service.recordHandoffPost(handoff.id, postReference(deps.config.channel, posted.id));
    if (!saved.ok) deps.logger.warn({ handoffId: handoff.id }, 'could not record where the hand-off was posted');
  } catch (error) {
    deps.logger.error(
      { code: 'DISCORD_MENTOR_POST_FAILED', handoffId: handoff.id, err: describeError(error, deps.scrub) },
      'could not post a hand-off to the mentors’ channel: check DISCORD_MENTOR_CHANNEL and the bot’s permission to send messages there',
    );
  }
}

/** Re-renders a hand-off post in place (taken, answered), by its reference; no ping. */
async function updatePost(handoff: Handoff, message: HandoffMessage, deps: MentorDeps): Promise<void> {
  const post = handoff.post ? parsePostReference(handoff.post.reference) : undefined;
  if (!post) return;
  try {
    await deps.client.rest.patch(Routes.channelMessage(post.channelId, post.messageId), {
      body: handoffToDiscordPost({ ...message, ping: false }, deps.config.role),
    });
  } catch (error) {
    deps.logger.warn(
      { code: 'DISCORD_MENTOR_POST_FAILED', handoffId: handoff.id, err: describeError(error, deps.scrub) },
      'could not update the hand-off post',
    );
  }
}

/** "I'll take it": the post changes in place to say who took it (no new ping). */
async function take(interaction: ButtonInteraction, handoffId: string, deps: MentorDeps): Promise<void> {
  const mentor = await mentorOf(interaction, deps);
  if (!mentor) return refuse(interaction);
  const outcome = await deps.service.takeHandoff(handoffId, mentor);
  if (!outcome.ok) {
    await replyNow(interaction, noticeToDiscordMessage(outcome.notice));
    return;
  }
  const post = handoffToDiscordPost({ ...outcome.message, ping: false }, deps.config.role);
  await interaction.update({
    content: post.content,
    embeds: post.embeds,
    components: post.components,
    allowedMentions: { parse: [] },
  });
  // Pressed on the first post of a re-posted hand-off: the latest post changes too.
  const latest = outcome.handoff.post ? parsePostReference(outcome.handoff.post.reference) : undefined;
  if (latest && latest.messageId !== interaction.message.id) await updatePost(outcome.handoff, outcome.message, deps);
}

/** Answer: a modal with the question above the box; refused at once when the hand-off is already answered. */
async function openAnswerForm(interaction: ButtonInteraction, handoffId: string, deps: MentorDeps): Promise<void> {
  const mentor = await mentorOf(interaction, deps);
  if (!mentor) return refuse(interaction);
  const handoff = await deps.service.handoff(handoffId);
  if (!handoff) return replyNow(interaction, lineToDiscordMessage(HANDOFF_NOT_FOUND_TEXT));
  if (handoff.state === 'answered') return replyNow(interaction, lineToDiscordMessage(HANDOFF_ANSWERED_TEXT));
  const modal = mentorAnswerModal({ kind: 'answerForm', handoffId }, handoff.question, {
    textMax: MAX_MENTOR_ANSWER_CHARS,
  });
  if (!modal) return replyNow(interaction, lineToDiscordMessage(HANDOFF_NOT_FOUND_TEXT));
  await interaction.showModal(modal);
}

async function openEditForm(interaction: ButtonInteraction, answerId: string, deps: MentorDeps): Promise<void> {
  const mentor = await mentorOf(interaction, deps);
  if (!mentor) return refuse(interaction);
  const answer = await deps.service.mentorAnswer(answerId);
  if (!answer) return replyNow(interaction, lineToDiscordMessage(ANSWER_NOT_FOUND_TEXT));
  if (answer.state === 'retired') return replyNow(interaction, lineToDiscordMessage(ANSWER_RETIRED_TEXT));
  const modal = mentorAnswerModal({ kind: 'editForm', answerId }, answer.question, {
    textMax: MAX_MENTOR_ANSWER_CHARS,
    current: answer.text,
  });
  if (!modal) return replyNow(interaction, lineToDiscordMessage(ANSWER_NOT_FOUND_TEXT));
  await interaction.showModal(modal);
}

async function retire(interaction: ButtonInteraction, answerId: string, deps: MentorDeps): Promise<void> {
  const mentor = await mentorOf(interaction, deps);
  if (!mentor) return refuse(interaction);
  const outcome = await deps.service.retireMentorAnswer(answerId, mentor);
  await replyNow(
    interaction,
    outcome.ok ? lineToDiscordMessage(ANSWER_RETIRED_DONE_TEXT) : noticeToDiscordMessage(outcome.notice),
  );
}

/** A submitted modal of the mentor loop (or Not helpful's "Other"). */
export async function onMentorForm(
  interaction: ModalSubmitInteraction,
  form: ModalForm,
  deps: { service: BotService; deferAfterMs: number; mentors?: MentorDeps | undefined },
): Promise<void> {
  if (form.kind === 'reason') {
    await recordReason(
      interaction,
      form.passageId,
      'other',
      deps,
      interaction.fields.getTextInputValue(INPUT_IDS.reasonText),
    );
    return;
  }
  const mentors = deps.mentors;
  if (!mentors) return replyNow(interaction, lineToDiscordMessage(STALE_BUTTON_TEXT));
  const mentor = await mentorOf(interaction, mentors);
  if (!mentor) return refuse(interaction);
  const text = interaction.fields.getTextInputValue(INPUT_IDS.answerText).trim();
  if (text === '') return replyNow(interaction, lineToDiscordMessage(EMPTY_TEXT_TEXT));
  if (form.kind === 'editForm') {
    const outcome = await mentors.service.editMentorAnswer(form.answerId, mentor, text);
    await replyNow(
      interaction,
      outcome.ok
        ? savedAnswerToDiscordMessage(ANSWER_EDITED_TEXT, outcome.answer, { ephemeral: true })
        : noticeToDiscordMessage(outcome.notice),
    );
    return;
  }
  const work = answerAndDeliver(form.handoffId, mentor, text, mentors).then((result) =>
    result.ok ? result.message : noticeToDiscordMessage(result.notice),
  );
  await replyWhenReady(interaction, work, { deferAfterMs: mentors.deferAfterMs, deferEphemeral: true });
}

/**
 * A mentor's answer to a hand-off, from the form or a thread reply: the core saves it; the asker gets it where they
 * asked; the post changes to "Answered by"; the mentor gets a confirmation with Edit and Retire.
 */
async function answerAndDeliver(
  handoffId: string,
  mentor: MentorRef,
  text: string,
  deps: MentorDeps,
  options: { ephemeral: boolean } = { ephemeral: true },
): Promise<{ ok: true; message: DiscordMessage } | Extract<HandoffOutcome, { ok: false }>> {
  const outcome = await deps.service.answerHandoff(handoffId, mentor, text);
  if (!outcome.ok) return outcome;
  const delivered = outcome.delivery ? await deliver(outcome.delivery, deps) : false;
  await updatePost(outcome.handoff, outcome.message, deps);
  const line = delivered ? MENTOR_ANSWER_SENT_TEXT : `${MENTOR_ANSWER_SENT_TEXT} ${NOT_DELIVERED_TEXT}`;
  const message = outcome.mentorAnswer
    ? savedAnswerToDiscordMessage(line, outcome.mentorAnswer, options)
    : lineToDiscordMessage(line);
  return { ok: true, message };
}

/** Sends the mentor's answer to the asker; false (logged) when Discord refuses (DMs closed, channel gone). */
async function deliver(delivery: MentorAnswerDelivery, deps: MentorDeps): Promise<boolean> {
  const reply = decodeAskerReply(delivery.origin.reply);
  if (!reply) {
    deps.logger.warn({ code: 'DISCORD_DELIVERY_FAILED' }, 'a hand-off without a Discord destination');
    return false;
  }
  try {
    const { flags: _private, ...message } = deliveryToDiscordMessage(delivery, { ephemeral: false });
    if (reply.to === 'channel') {
      const body = {
        ...message,
        message_reference: { message_id: reply.messageId, fail_if_not_exists: false },
      } satisfies RESTPostAPIChannelMessageJSONBody;
      await deps.client.rest.post(Routes.channelMessages(reply.channelId), { body });
    } else {
      const dm = (await deps.client.rest.post(Routes.userChannels(), { body: { recipient_id: reply.userId } })) as {
        id: string;
      };
      await deps.client.rest.post(Routes.channelMessages(dm.id), { body: message });
    }
    return true;
  } catch (error) {
    deps.logger.warn(
      { code: 'DISCORD_DELIVERY_FAILED', to: reply.to, err: describeError(error, deps.scrub) },
      'could not deliver a mentor’s answer to the asker',
    );
    return false;
  }
}

/**
 * Not helpful: the vote counts at once (a second vote replaces it), and the thank-you offers a menu of reasons. The
 * question comes from the answer the button sat on.
 */
export async function voteNotHelpful(
  interaction: ButtonInteraction,
  question: string,
  passageId: string,
  deps: { service: BotService },
): Promise<void> {
  const saved = await deps.service.recordVote({
    platform: 'discord',
    question,
    passageId,
    helpful: false,
    userId: toUserKey('discord', interaction.user.id),
  });
  await replyNow(
    interaction,
    saved.ok
      ? reasonPromptToDiscordMessage(voteThanksText(false), question, passageId)
      : noticeToDiscordMessage(saved.notice),
  );
}

/** A reason picked from the Not helpful menu; "Other" opens a form for the reader's own words. */
export async function onReasonMenu(
  interaction: StringSelectMenuInteraction,
  deps: { service: BotService },
): Promise<boolean> {
  const passageId = reasonMenuPassage(interaction.customId);
  if (passageId === undefined) return false;
  const reason = parseVoteReason(interaction.values[0]);
  if (!reason) {
    await replyNow(interaction, lineToDiscordMessage(STALE_BUTTON_TEXT));
    return true;
  }
  const modal = reason === 'other' ? reasonModal(passageId, MAX_REASON_TEXT_CHARS) : undefined;
  if (modal) await interaction.showModal(modal);
  else await recordReason(interaction, passageId, reason, deps);
  return true;
}

async function recordReason(
  interaction: StringSelectMenuInteraction | ModalSubmitInteraction,
  passageId: string,
  reason: ReturnType<typeof parseVoteReason> & string,
  deps: { service: BotService },
  text?: string,
): Promise<void> {
  const question = questionFromEmbeds(interaction.message?.embeds.map((e) => e.data) ?? []);
  if (question === undefined) return replyNow(interaction, lineToDiscordMessage(STALE_BUTTON_TEXT));
  const note = text?.trim();
  const saved = await deps.service.recordVote({
    platform: 'discord',
    question,
    passageId,
    helpful: false,
    userId: toUserKey('discord', interaction.user.id),
    reason,
    ...(note ? { reasonText: note } : {}),
  });
  await replyNow(
    interaction,
    saved.ok
      ? lineToDiscordMessage(`${voteThanksText(false)} Reason: ${VOTE_REASON_LABELS[reason]}.`)
      : noticeToDiscordMessage(saved.notice),
  );
}

/**
 * Save as answer (a message command): a mentor keeps their own message, in a thread where the bot took part, as a
 * mentor answer. In a hand-off's thread it answers the hand-off (and reaches the asker); elsewhere the question is the
 * one the thread is about (the bot's answer there names it).
 */
export async function saveAsAnswer(interaction: MessageContextMenuCommandInteraction, deps: MentorDeps): Promise<void> {
  const mentor = await mentorOf(interaction, deps);
  if (!mentor) return refuse(interaction);
  const target = interaction.targetMessage;
  const channel = interaction.channel;
  const text = target.content.trim();
  if (target.author.id !== interaction.user.id || !channel?.isThread()) {
    return replyNow(interaction, lineToDiscordMessage(SAVE_ONLY_OWN_IN_THREAD_TEXT));
  }
  if (text === '') return replyNow(interaction, lineToDiscordMessage(EMPTY_TEXT_TEXT));
  const work = (async (): Promise<DiscordMessage> => {
    const handoff = channel.parentId
      ? await deps.service.handoffByPost(postReference(channel.parentId, channel.id))
      : undefined;
    if (handoff && handoff.state !== 'answered') {
      const result = await answerAndDeliver(handoff.id, mentor, text, deps);
      return result.ok ? result.message : noticeToDiscordMessage(result.notice);
    }
    const botId = deps.client.user?.id;
    const messages = await channel.messages.fetch({ limit: SAVE_THREAD_READ_LIMIT });
    const fromBot = [...messages.values()].reverse().filter((m) => m.author.id === botId);
    if (fromBot.length === 0) return lineToDiscordMessage(SAVE_ONLY_OWN_IN_THREAD_TEXT);
    const question =
      handoff?.question ??
      fromBot.map((m) => questionFromEmbeds(m.embeds.map((e) => e.data))).find((q) => q !== undefined) ??
      channel.name;
    const saved = await deps.service.saveMentorAnswer({ question, text, mentor });
    return saved.ok
      ? savedAnswerToDiscordMessage('Saved as an answer: new hires asking this will now find it.', saved.answer, {
          ephemeral: true,
        })
      : noticeToDiscordMessage(saved.notice);
  })();
  await replyWhenReady(interaction, work, { deferAfterMs: deps.deferAfterMs, deferEphemeral: true });
}

/**
 * A message in a thread of the mentors' channel: a mentor's reply in a hand-off's thread answers it (when the bot can
 * read it: DISCORD_MESSAGE_CONTENT, or a mention of the bot). The bot confirms in the thread. Anything else is left
 * alone: mentors talk among themselves there too.
 */
export async function onMentorThreadMessage(message: Message, deps: MentorDeps): Promise<boolean> {
  const channel = message.channel;
  if (!channel.isThread() || channel.parentId !== deps.config.channel) return false;
  if (message.author.bot || message.webhookId || message.system) return true;
  const text = message.content.replace(/<@!?\d+>/g, ' ').trim();
  if (text === '') return true;
  const handoff = await deps.service.handoffByPost(postReference(deps.config.channel, channel.id));
  if (!handoff || handoff.state === 'answered') return true;
  let roles = message.member ? [...message.member.roles.cache.keys()] : undefined;
  if (!roles) roles = (await fetchMember(deps, message.author.id))?.roles ?? [];
  if (!roles.includes(deps.config.role)) return true;
  const mentor = { id: message.author.id, name: message.member?.displayName ?? message.author.displayName };
  const result = await answerAndDeliver(handoff.id, mentor, text, deps, { ephemeral: false });
  const reply = result.ok ? result.message : noticeToDiscordMessage(result.notice);
  const { flags: _private, ...body } = reply;
  await deps.client.rest.post(Routes.channelMessages(channel.id), {
    body: { ...body, message_reference: { message_id: message.id, fail_if_not_exists: false } },
  });
  return true;
}

/** Posts each hand-off that waited MENTOR_REPOST_MINUTES without a mentor once more, with the ping. */
export async function repostDue(now: Date, deps: MentorDeps): Promise<number> {
  const due = await deps.service.dueReposts('discord', now);
  for (const { handoff, message } of due) await postHandoff(handoff, message, deps);
  return due.length;
}
