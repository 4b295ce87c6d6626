/**
 * `npm run register`: registers the Discord commands on their own, for deploy pipelines (the bot also does
 * this when it starts). To DISCORD_GUILD_ID when set, else globally. Prints one line; exits 1 with a friendly
 * line when the DISCORD_ variables are missing or Discord refuses.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REST } from 'discord.js';
import { loadConfig, loadDotenv } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { registerCommands } from './commands.js';
import { createDiscordScrubber } from './logging.js';

/** Where the one line goes: stdout on success, stderr on failure. */
export interface RegisterOutput {
  log(line: string): void;
  error(line: string): void;
}

/** Registers the commands as configured by `env`; returns the exit code. */
export async function runRegister(env: NodeJS.ProcessEnv, out: RegisterOutput = console): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out.error(`Cannot register Discord commands: ${error.message}`);
    return 1;
  }
  const discord = config.discord;
  if (!discord) {
    out.error(
      'Cannot register Discord commands: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see the Discord section of the README).',
    );
    return 1;
  }
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl.replace(/\/+$/, '') } : {}).setToken(discord.token);
  try {
    const { scope, count } = await registerCommands(rest, {
      applicationId: discord.applicationId,
      guildId: discord.guildId,
      mentors: discord.mentors !== undefined,
    });
    out.log(
      scope === 'guild'
        ? `Registered ${count} Discord commands to server ${discord.guildId}; they are available there now.`
        : `Registered ${count} Discord commands globally, for every server the bot is in.`,
    );
    return 0;
  } catch (error) {
    const reason = error instanceof Error ? createDiscordScrubber(discord.token)(error.message) : 'unknown error';
    out.error(
      `Could not register Discord commands (${reason}). Check DISCORD_TOKEN and DISCORD_APPLICATION_ID, and that the bot was invited with the applications.commands scope.`,
    );
    return 1;
  }
}

const runDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) {
  loadDotenv();
  process.exitCode = await runRegister(process.env);
}
