import { ShardingManager } from 'discord.js';
import { fileURLToPath } from 'node:url';
import { createDiscordBot } from './client.ts';
import type { DiscordDeps } from './deps.ts';

/**
 * Starts the Discord surface. With DISCORD_SHARDS unset the bot runs in this process;
 * with DISCORD_SHARDS=auto or a number, discord.js's ShardingManager runs one child
 * process per shard (src/bots/discord/shard.ts), all sharing sessions through STORE_URL
 * (use Redis for that).
 */
export async function startDiscord(deps: DiscordDeps, opts: { shardSpawnDelayMs?: number } = {}): Promise<{ stop(): Promise<void> }> {
  const { config: c, logger } = deps.app;
  if (!c.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  const shards = c.DISCORD_SHARDS;
  if (shards !== undefined) {
    if (c.STORE_URL.startsWith('sqlite') || c.STORE_URL.startsWith('memory')) {
      logger.warn('DISCORD_SHARDS is set but STORE_URL is not Redis: shards on several hosts will not share interviews');
    }
    const manager = new ShardingManager(fileURLToPath(new URL('./shard.ts', import.meta.url)), {
      token: c.DISCORD_TOKEN,
      totalShards: shards,
      execArgv: ['--disable-warning=ExperimentalWarning'],
      respawn: true,
    });
    manager.on('shardCreate', (s) => logger.info({ shard: s.id }, 'discord shard launched'));
    await manager.spawn(opts.shardSpawnDelayMs !== undefined ? { delay: opts.shardSpawnDelayMs } : {});
    return {
      async stop() {
        for (const s of manager.shards.values()) s.kill();
      },
    };
  }
  const bot = createDiscordBot(deps, { token: c.DISCORD_TOKEN, ...(c.DISCORD_API_BASE_URL ? { api: c.DISCORD_API_BASE_URL } : {}) });
  await bot.start();
  return { stop: () => bot.stop() };
}
