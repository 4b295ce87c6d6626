import {
  GuildMember,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { Answer } from '../../src/answer/types.js';
import type { ChannelPolicy } from '../../src/channels/channelPolicy.js';
import { describeChannel } from '../../src/channels/channelSettings.js';
import type { Logger } from '../../src/log.js';
import { isHelpRequest } from '../../src/service/help.js';
import { FRIENDLY_ERROR_TEXT, STALE_BUTTON_TEXT, voteThanksText } from '../../src/service/texts.js';
import type { BotService } from '../../src/service/types.js';
import { toUserKey } from '../../src/service/userKey.js';
import { BACKEND_COMMAND, FIND_ANSWER_COMMAND, QUESTION_OPTION, SAVE_ANSWER_COMMAND } from './commands.js';
import { decodeAction, decodeForm, type AnswerAction } from './customIds.js';
import {
  onMentorButton,
  onMentorForm,
  onReasonMenu,
  saveAsAnswer,
  voteNotHelpful,
  type MentorDeps,
} from './mentors.js';
import { discordTextToQuestion } from './questionText.js';
import {
  AUTOCOMPLETE_CHOICES_MAX,
  CHOICE_MAX,
  helpToDiscordMessage,
  lineToDiscordMessage,
  noticeToDiscordMessage,
  questionFromEmbeds,
  toAutocompleteChoices,
  toDiscordMessage,
  type DiscordMessage,
} from './embeds.js';
import type { Scrubber } from '../../src/shared/scrub.js';
import { describeError } from './logging.js';
import { replyNow, replyWhenReady, sendAnyStage, type AnswerableInteraction } from './replies.js';

/** What the interaction handlers need; passed in so a test or a shard child can supply its own. */
export interface InteractionDeps {
  service: BotService;
  logger: Logger;
  scrub: Scrubber;
  deferAfterMs: number;
  /** For `/backend help` in a server channel: how the bot behaves there. */
  channels?: ChannelPolicy;
  /** The mentor loop, when DISCORD_MENTOR_CHANNEL and DISCORD_MENTOR_ROLE are set. */
  mentors?: MentorDeps | undefined;
}

/** Shown when "Find an answer" is used on a message with no text. */
export const NO_TEXT = 'That message has no text I can look up. Try /backend with your question.';
/** Shown for interactions this bot does not know (e.g. a command left over from an older version). */
export const UNKNOWN_INTERACTION = "I don't know that command any more. Try /backend.";

/**
 * Routes one Discord interaction to the core and answers it. Never rejects and never leaves an
 * interaction unanswered: any failure becomes a friendly ephemeral line and a log entry with a code.
 */
export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      await suggest(interaction, deps);
    } else if (interaction.isChatInputCommand() && interaction.commandName === BACKEND_COMMAND) {
      const question = interaction.options.getString(QUESTION_OPTION) ?? '';
      if (isHelpRequest(question)) await replyNow(interaction, helpToDiscordMessage(helpHere(interaction, deps)));
      else await ask(interaction, deps, discordTextToQuestion(question), 0, privately(deps));
    } else if (interaction.isMessageContextMenuCommand() && interaction.commandName === FIND_ANSWER_COMMAND) {
      const text = discordTextToQuestion(interaction.targetMessage.content);
      if (text) await ask(interaction, deps, text, 0, privately(deps));
      else await replyNow(interaction, lineToDiscordMessage(NO_TEXT));
    } else if (interaction.isMessageContextMenuCommand() && interaction.commandName === SAVE_ANSWER_COMMAND) {
      if (deps.mentors) await saveAsAnswer(interaction, deps.mentors);
      else await replyNow(interaction, lineToDiscordMessage(UNKNOWN_INTERACTION));
    } else if (interaction.isButton()) {
      const action = decodeAction(interaction.customId);
      // A button this version cannot read was made by an older one: the same "expired" line as every platform.
      if (action) await onButton(interaction, action, deps);
      else await replyNow(interaction, lineToDiscordMessage(STALE_BUTTON_TEXT));
    } else if (interaction.isStringSelectMenu()) {
      if (!(await onReasonMenu(interaction, deps)))
        await replyNow(interaction, lineToDiscordMessage(STALE_BUTTON_TEXT));
    } else if (interaction.isModalSubmit()) {
      const form = decodeForm(interaction.customId);
      if (form) await onMentorForm(interaction, form, deps);
      else await replyNow(interaction, lineToDiscordMessage(STALE_BUTTON_TEXT));
    } else if (isAnswerable(interaction)) {
      await replyNow(interaction, lineToDiscordMessage(UNKNOWN_INTERACTION));
    }
  } catch (error) {
    deps.logger.error(
      { code: 'DISCORD_INTERACTION_FAILED', err: describeError(error, deps.scrub), interactionType: interaction.type },
      'Discord interaction failed',
    );
    if (isAnswerable(interaction)) await answerWithApology(interaction, deps);
    else if (interaction.isAutocomplete() && !interaction.responded)
      await interaction.respond([]).catch(() => undefined);
  }
}

type Render = (answer: Answer) => DiscordMessage;

/** Help, with how the bot behaves in the channel (a thread counts as its parent) when asked in a server. */
function helpHere(interaction: ChatInputCommandInteraction, deps: InteractionDeps) {
  const help = deps.service.help();
  if (!deps.channels || !interaction.inGuild()) return help;
  const channel = interaction.channel;
  const channelId = channel?.isThread() ? (channel.parentId ?? interaction.channelId) : interaction.channelId;
  return { ...help, here: describeChannel(deps.channels.settings('discord', channelId)) };
}

/** A private answer with its buttons, Ask a mentor among them when the mentor loop is on. */
const privately =
  (deps: InteractionDeps): Render =>
  (answer) =>
    toDiscordMessage(answer, { ephemeral: true, showActions: true, askMentor: deps.mentors !== undefined });

/** Asks the core and replies with the rendered answer, or with the core's notice (rate limited, busy). */
async function ask(
  interaction: AnswerableInteraction,
  deps: InteractionDeps,
  question: string,
  offset: number,
  render: Render,
  deferEphemeral = true,
): Promise<void> {
  const work = deps.service
    .ask({ platform: 'discord', userKey: toUserKey('discord', interaction.user.id), question, offset })
    .then((outcome) => (outcome.kind === 'answer' ? render(outcome.answer) : noticeToDiscordMessage(outcome.notice)));
  await replyWhenReady(interaction, work, { deferAfterMs: deps.deferAfterMs, deferEphemeral });
}

/** Autocomplete must be answered (type 8) within 3 seconds and cannot be deferred; suggest() is synchronous. */
async function suggest(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const suggestions =
    interaction.commandName === BACKEND_COMMAND
      ? deps.service.suggest(String(interaction.options.getFocused()), AUTOCOMPLETE_CHOICES_MAX, CHOICE_MAX)
      : [];
  await interaction.respond(toAutocompleteChoices(suggestions));
}

/**
 * Buttons on an answer. The question comes back from the message the button sits on (Discord includes it
 * in component interactions, ephemeral ones too); the custom_id carries only the offset or passage id.
 */
async function onButton(interaction: ButtonInteraction, action: AnswerAction, deps: InteractionDeps): Promise<void> {
  // The mentor loop's buttons (Ask a mentor, the hand-off's, a saved answer's); stale when the loop is off.
  if (action.kind !== 'share' && action.kind !== 'more' && action.kind !== 'vote') {
    if (deps.mentors) await onMentorButton(interaction, action, deps.mentors);
    else await replyNow(interaction, lineToDiscordMessage(STALE_BUTTON_TEXT));
    return;
  }
  const question = questionFromEmbeds(interaction.message.embeds.map((embed) => embed.data));
  if (question === undefined) {
    await replyNow(interaction, lineToDiscordMessage(STALE_BUTTON_TEXT));
    return;
  }
  switch (action.kind) {
    case 'share': {
      const sharedBy = displayName(interaction);
      const shared: Render = (answer) => toDiscordMessage(answer, { ephemeral: false, showActions: false, sharedBy });
      await ask(interaction, deps, question, action.offset, shared, false);
      return;
    }
    case 'more':
      await ask(interaction, deps, question, action.offset, privately(deps));
      return;
    case 'vote': {
      if (!action.helpful) {
        await voteNotHelpful(interaction, question, action.passageId, deps);
        return;
      }
      const saved = await deps.service.recordVote({
        platform: 'discord',
        question,
        passageId: action.passageId,
        helpful: action.helpful,
        userId: toUserKey('discord', interaction.user.id),
      });
      if (!saved.ok) {
        await replyNow(interaction, noticeToDiscordMessage(saved.notice));
        return;
      }
      await replyNow(interaction, lineToDiscordMessage(voteThanksText(action.helpful)));
    }
  }
}

/** The sharer's name as shown in the server (nickname first), as plain text: sharing never pings anyone. */
function displayName(interaction: ButtonInteraction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}

function isAnswerable(interaction: Interaction): interaction is AnswerableInteraction {
  return (
    interaction.isChatInputCommand() ||
    interaction.isMessageContextMenuCommand() ||
    interaction.isButton() ||
    interaction.isStringSelectMenu() ||
    interaction.isModalSubmit()
  );
}

async function answerWithApology(interaction: AnswerableInteraction, deps: InteractionDeps): Promise<void> {
  try {
    await sendAnyStage(interaction, lineToDiscordMessage(FRIENDLY_ERROR_TEXT));
  } catch (error) {
    deps.logger.error(
      { code: 'DISCORD_REPLY_FAILED', err: describeError(error, deps.scrub) },
      'could not tell the user about a failed interaction',
    );
  }
}
