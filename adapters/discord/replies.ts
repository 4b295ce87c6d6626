import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { settleWithin } from '../../src/shared/deadline.js';
import type { DiscordMessage, DiscordMessageWithMenu } from './embeds.js';

/** The interactions this adapter answers with a message. */
export type AnswerableInteraction =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction
  | StringSelectMenuInteraction
  | ModalSubmitInteraction;

/** Discord allows 3 s for the first response; past this we defer (type 5) and edit the reply later. */
export const DEFER_AFTER_MS = 2000;

/** discord.js takes allowed_mentions in camelCase; our embeds and components go out exactly as rendered. */
function toReplyOptions(message: DiscordMessage | DiscordMessageWithMenu): InteractionReplyOptions {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: message.allowed_mentions,
    ...(message.flags === undefined ? {} : { flags: message.flags }),
  };
}

function toEditOptions(message: DiscordMessage): InteractionEditReplyOptions {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: message.allowed_mentions,
  };
}

const isEphemeral = (message: DiscordMessage) => message.flags === MessageFlags.Ephemeral;

/**
 * Answers with `work`'s message: directly (type 4) when it is ready within `deferAfterMs`, which is
 * nearly always since answers take under a millisecond; otherwise defers (type 5) so Discord's 3-second
 * window is kept, then edits the deferred reply. `deferEphemeral` says how the deferred reply is shown
 * (Discord fixes that at the defer); a late message of the other kind replaces it as a follow-up.
 */
export async function replyWhenReady(
  interaction: AnswerableInteraction,
  work: Promise<DiscordMessage>,
  options: { deferAfterMs: number; deferEphemeral: boolean },
): Promise<void> {
  const first = await settleWithin(work, options.deferAfterMs);
  if (first !== undefined) {
    await interaction.reply(toReplyOptions(first));
    return;
  }
  await interaction.deferReply(options.deferEphemeral ? { flags: MessageFlags.Ephemeral } : {});
  await finishDeferred(interaction, await work);
}

/** Replies at once with a message that is already ready (help, a thank-you, a short notice). */
export async function replyNow(
  interaction: AnswerableInteraction,
  message: DiscordMessage | DiscordMessageWithMenu,
): Promise<void> {
  await interaction.reply(toReplyOptions(message));
}

/**
 * Sends `message` as whatever response the interaction still needs: the reply, the edit of a deferred
 * reply, or a follow-up. Used for errors, which can happen at any of those stages.
 */
export async function sendAnyStage(interaction: AnswerableInteraction, message: DiscordMessage): Promise<void> {
  if (interaction.replied) {
    await interaction.followUp(toReplyOptions(message));
  } else if (interaction.deferred) {
    await finishDeferred(interaction, message);
  } else {
    await interaction.reply(toReplyOptions(message));
  }
}

async function finishDeferred(interaction: AnswerableInteraction, message: DiscordMessage): Promise<void> {
  if (Boolean(interaction.ephemeral) === isEphemeral(message)) {
    await interaction.editReply(toEditOptions(message));
    return;
  }
  // A public "thinking…" cannot become private (or the reverse): remove it and send the message fresh.
  await interaction.deleteReply();
  await interaction.followUp(toReplyOptions(message));
}
