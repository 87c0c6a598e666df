// DISCORD_SHARDS=2: discord.js's ShardingManager runs one process per shard (src/bots/discord/shard.ts),
// each logging in to the fake gateway and serving interviews from the shared store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startDiscord } from '../../../src/bots/discord/start.ts';
import { loadConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createApp } from '../../../src/app/app.ts';
import { startFakeDiscord } from '../../fakes/discord/index.ts';
import { startOptions, TOKEN, until } from './harness.ts';

test('two shard processes connect, and a slash command on the shared store starts an interview', async () => {
  const fake = await startFakeDiscord({ token: TOKEN });
  const env = {
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_BASE_URL: fake.restUrl,
    DISCORD_SHARDS: '2',
    STORE_URL: process.env.TEST_REDIS_URL ?? `sqlite://${join(mkdtempSync(join(tmpdir(), 'ic-shards-')), 's.sqlite')}`,
    LOG_LEVEL: 'silent',
    EDGE_TTS_ENABLED: 'false',
  };
  // The shard processes read their configuration from the environment they inherit.
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const runtime = await createApp(loadConfig(env), silentLogger());
  try {
    const discord = await startDiscord({ app: runtime, voice: null }, { shardSpawnDelayMs: 200 });
    try {
      await until(() => fake.gatewaySessionCount() === 2, 20_000, 'two shard sessions');
      fake.slashCommand({ channelId: 'interviews', user: 'alice', name: 'interview', options: startOptions('screening') });
      const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 15_000, 'thread');
      await until(() => fake.messagesIn(thread.id as string).some((m) => /Question 1 of 5/.test(m.content)), 15_000, 'first question');
    } finally {
      await discord.stop();
    }
    expect(fake.gatewayLog.filter((e) => e.direction === 'in' && e.op === 2).map((e) => (e.d as { shard: number[] }).shard)).toEqual(expect.arrayContaining([[0, 2], [1, 2]]));
  } finally {
    process.env = saved;
    await runtime.close();
    await fake.close();
  }
}, 60_000);
