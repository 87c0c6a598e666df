import { Client, Events, GatewayIntentBits, MessageFlags, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { userSafeMessage } from '../../chat/safe-text.ts';
import type { DiscordDeps } from './deps.ts';
import { handleInterviewButton } from './handlers/buttons.ts';
import { handleDashboard } from './handlers/dashboard.ts';
import { handleEnd, handleForget, handleForgetButton, handleHistory, handleReport, handleSettings, handleStatus } from './handlers/commands.ts';
import { handleStart } from './handlers/start.ts';
import { handleThreadGone } from './handlers/thread-lifecycle.ts';
import { handleThreadMessage } from './handlers/thread-message.ts';

export interface DiscordBotOptions {
  token: string;
  /** REST base, e.g. a rate-limit proxy or a test server (DISCORD_API_BASE_URL). */
  api?: string;
  /** For sharding: which shards this process runs (discord.js ShardingManager sets them). */
  shards?: number | number[];
  shardCount?: number;
}

const SUBCOMMANDS: Record<string, (i: ChatInputCommandInteraction, deps: DiscordDeps) => Promise<void>> = {
  start: handleStart,
  end: handleEnd,
  report: handleReport,
  history: handleHistory,
  dashboard: handleDashboard,
  status: handleStatus,
  forget: (i) => handleForget(i),
  settings: handleSettings,
};

/** The Discord surface: thin handlers that parse interactions and messages for the conversation layer. */
export function createDiscordBot(deps: DiscordDeps, opts: DiscordBotOptions) {
  const log = deps.app.logger.child({ surface: 'discord' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.GuildVoiceStates],
    ...(opts.api ? { rest: { api: opts.api } } : {}),
    ...(opts.shards !== undefined ? { shards: opts.shards } : {}),
    ...(opts.shardCount !== undefined ? { shardCount: opts.shardCount } : {}),
  });
  const d: DiscordDeps = { ...deps, app: { ...deps.app, logger: log } };

  client.on(Events.InteractionCreate, (i: Interaction) => {
    void route(i, d).catch(async (err: unknown) => {
      log.error({ err, interaction: i.id }, 'interaction failed');
      const message = userSafeMessage(err) ?? 'Something went wrong on my side. Your interview is saved; please try again.';
      if (i.isRepliable()) {
        if (i.deferred || i.replied) await i.followUp({ content: message, flags: MessageFlags.Ephemeral }).catch(() => undefined);
        else await i.reply({ content: message, flags: MessageFlags.Ephemeral }).catch(() => undefined);
      }
    });
  });
  client.on(Events.MessageCreate, (m) => {
    void handleThreadMessage(m, d).catch((err: unknown) => log.error({ err, messageId: m.id }, 'message handling failed'));
  });
  client.on(Events.ThreadDelete, (t) => {
    void handleThreadGone(client, t, d, 'deleted').catch((err: unknown) => log.error({ err }, 'thread delete handling failed'));
  });
  client.on(Events.ThreadUpdate, (before, after) => {
    if (!before.archived && after.archived) void handleThreadGone(client, after, d, 'archived').catch((err: unknown) => log.error({ err }, 'thread archive handling failed'));
  });
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.rest.on('rateLimited', (info) => log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord rate limit'));

  return {
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(opts.token);
      await ready;
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord bot ready');
    },
    async stop() {
      await client.destroy();
    },
  };
}

async function route(i: Interaction, deps: DiscordDeps): Promise<void> {
  if (i.isChatInputCommand() && i.commandName === 'interview') {
    const handler = SUBCOMMANDS[i.options.getSubcommand()];
    if (handler) await handler(i, deps);
    return;
  }
  if (i.isButton()) {
    if (i.customId.startsWith('iv:')) await handleInterviewButton(i, deps);
    else if (i.customId.startsWith('ivforget:')) await handleForgetButton(i, deps);
  }
}
