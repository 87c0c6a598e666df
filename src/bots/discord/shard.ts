/** One Discord shard process, launched by ShardingManager (see start.ts); discord.js reads SHARDS/SHARD_COUNT from the environment it sets. */
import { loadConfig, secretValues } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { bootRuntime } from '../../runtime.ts';
import { createDiscordBot } from './client.ts';
import { discordDeps } from './surface.ts';

const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretValues(config), name: `discord-shard-${process.env.SHARDS ?? '?'}` });
const { runtime, extras } = await bootRuntime(config, logger);
const bot = createDiscordBot({ runtime, ...(await discordDeps(runtime, extras)) }, { token: config.DISCORD_TOKEN!, ...(config.DISCORD_API_BASE_URL ? { api: config.DISCORD_API_BASE_URL } : {}) });
await bot.start();
const stop = async () => {
  await bot.stop();
  await runtime.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
