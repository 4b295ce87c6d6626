import type { REST } from 'discord.js';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  Routes,
  type RESTPutAPIApplicationCommandsJSONBody,
  type RESTPutAPIApplicationGuildCommandsJSONBody,
} from 'discord-api-types/v10';
import { MAX_QUERY_CHARS } from '../../src/search/query.js';

/** The slash command's name: `/backend`. */
export const BACKEND_COMMAND = 'backend';
/** The slash command's one option. */
export const QUESTION_OPTION = 'question';
/** The message context-menu command (Apps › Find an answer); message commands may use spaces and capitals. */
export const FIND_ANSWER_COMMAND = 'Find an answer';
/** Apps › Save as answer: a mentor keeps their own message in a thread as a mentor answer (mentor loop only). */
export const SAVE_ANSWER_COMMAND = 'Save as answer';
/**
 * Longest question the Discord client lets a user type into `/backend`: as much as the core reads, so nobody
 * types words that are then ignored. Longer text can still arrive (a context-menu message), and is handled.
 */
export const QUESTION_MAX_LENGTH = MAX_QUERY_CHARS;

/**
 * The commands as registered to one server (guild): Discord's guild body has no `contexts` or
 * `integration_types`, which only apply to global commands.
 */
export const guildCommandDefinitions: RESTPutAPIApplicationGuildCommandsJSONBody = [
  {
    type: ApplicationCommandType.ChatInput,
    name: BACKEND_COMMAND,
    description: 'Answers from the trusted backend docs, quoted and cited',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: QUESTION_OPTION,
        description: 'What do you want to know? Leave empty for help and topics',
        required: false,
        autocomplete: true,
        max_length: QUESTION_MAX_LENGTH,
      },
    ],
  },
  { type: ApplicationCommandType.Message, name: FIND_ANSWER_COMMAND },
];

/** The same commands registered globally: usable in servers that installed the bot and in DMs with it. */
export const globalCommandDefinitions: RESTPutAPIApplicationCommandsJSONBody = guildCommandDefinitions.map(
  (command) => ({
    ...command,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  }),
);

/** The commands for one server: Save as answer only when the mentor loop is on (DISCORD_MENTOR_CHANNEL/ROLE). */
export function guildCommands(options: { mentors: boolean }): RESTPutAPIApplicationGuildCommandsJSONBody {
  return options.mentors
    ? [...guildCommandDefinitions, { type: ApplicationCommandType.Message, name: SAVE_ANSWER_COMMAND }]
    : guildCommandDefinitions;
}

/** The same, registered globally; mentors act in the server (the role is a server role), so Save as answer is too. */
export function globalCommands(options: { mentors: boolean }): RESTPutAPIApplicationCommandsJSONBody {
  if (!options.mentors) return globalCommandDefinitions;
  return [
    ...globalCommandDefinitions,
    {
      type: ApplicationCommandType.Message,
      name: SAVE_ANSWER_COMMAND,
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild],
    },
  ];
}

/** Where commands were registered, for a one-line log or CLI message. */
export interface RegistrationResult {
  scope: 'guild' | 'global';
  count: number;
}

/**
 * Overwrites the application's commands in one PUT: to `guildId` when given (appears instantly, for trying
 * the bot out), else globally (can take a while to reach every client). Used at start and by
 * `npm run register` for deploy pipelines.
 */
export async function registerCommands(
  rest: REST,
  target: { applicationId: string; guildId?: string | undefined; mentors?: boolean },
): Promise<RegistrationResult> {
  const mentors = target.mentors === true;
  if (target.guildId) {
    const body = guildCommands({ mentors });
    await rest.put(Routes.applicationGuildCommands(target.applicationId, target.guildId), { body });
    return { scope: 'guild', count: body.length };
  }
  const body = globalCommands({ mentors });
  await rest.put(Routes.applicationCommands(target.applicationId), { body });
  return { scope: 'global', count: body.length };
}
