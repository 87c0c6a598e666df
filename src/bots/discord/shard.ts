/** One Discord shard process, launched by ShardingManager (see start.ts); discord.js reads SHARDS/SHARD_COUNT from the environment it sets. */
import { loadConfig, secretValues } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { buildApp } from '../../app/app.ts';
import { createDiscordBot } from './client.ts';
import { discordDeps } from './surface.ts';

const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretValues(config), name: `discord-shard-${process.env.SHARDS ?? '?'}` });
const app = await buildApp(config, logger, { speech: true });
const bot = createDiscordBot(discordDeps(app), { token: config.DISCORD_TOKEN!, ...(config.DISCORD_API_BASE_URL ? { api: config.DISCORD_API_BASE_URL } : {}) });
await bot.start();
const stop = async () => {
  await bot.stop();
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
