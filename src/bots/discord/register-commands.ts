/**
 * Publishes the slash commands: to one guild while developing (DISCORD_DEV_GUILD_ID, instant),
 * globally otherwise. Run: npm run discord:register
 */
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig, secretValues } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { commandsJson } from './command-data.ts';

export async function registerCommands(opts: { token: string; applicationId: string; guildId?: string; api?: string }): Promise<number> {
  const rest = new REST(opts.api ? { api: opts.api } : {}).setToken(opts.token);
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const res = (await rest.put(route, { body: commandsJson() })) as unknown[];
  return res.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const config = loadConfig();
    const log = createLogger({ level: config.LOG_LEVEL, secrets: secretValues(config) });
    if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
      process.stderr.write('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the commands.\n');
      process.exit(2);
    }
    const n = await registerCommands({
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      ...(config.DISCORD_DEV_GUILD_ID ? { guildId: config.DISCORD_DEV_GUILD_ID } : {}),
      ...(config.DISCORD_API_BASE_URL ? { api: config.DISCORD_API_BASE_URL } : {}),
    });
    log.info({ commands: n, scope: config.DISCORD_DEV_GUILD_ID ? `guild ${config.DISCORD_DEV_GUILD_ID}` : 'global' }, 'slash commands registered');
  } catch (e) {
    process.stderr.write(`${e instanceof ConfigError ? e.message : `Could not register commands: ${(e as Error).message}`}\n`);
    process.exit(1);
  }
}
