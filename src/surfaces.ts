import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Runtime } from './runtime.ts';
import type { WiredExtras } from './wiring.ts';
import type { ApiServer } from './api/server.ts';
import { reportSurfaceOff } from './surface-health.ts';

/** What a chat surface gets when it starts: the shared runtime, and the HTTP server to mount on. */
export interface SurfaceContext {
  config: Config;
  logger: Logger;
  runtime: Runtime;
  extras: WiredExtras;
  /** e.g. `http.mountRaw('/slack/events', receiver.requestListener)` for Slack over HTTP. */
  http: Pick<ApiServer, 'mountRaw' | 'healthSources' | 'app'>;
}

export interface RunningSurface {
  name: string;
  /** Stop taking new messages and let turns in flight finish. */
  stop(): Promise<void>;
}

export interface SurfaceStarter {
  name: string;
  enabled(config: Config): boolean;
  start(ctx: SurfaceContext): Promise<RunningSurface>;
}

/**
 * Every optional surface, started by src/main.ts when its config is present. A surface adds
 * itself with one entry here that lazily imports its module, e.g.
 *
 *   { name: 'discord', enabled: (c) => Boolean(c.DISCORD_TOKEN),
 *     start: async (ctx) => (await import('./bots/discord/start.ts')).startDiscord(ctx) },
 *   { name: 'slack', enabled: (c) => Boolean(c.SLACK_BOT_TOKEN),
 *     start: async (ctx) => (await import('./bots/slack/start.ts')).startSlack(ctx) },
 *
 * Lazy imports keep discord.js and Bolt out of processes that do not use them.
 */
export const SURFACES: SurfaceStarter[] = [
  { name: 'discord', enabled: (c) => Boolean(c.DISCORD_TOKEN), start: async (ctx) => (await import('./bots/discord/surface.ts')).startDiscordSurface(ctx) },
  { name: 'slack', enabled: (c) => Boolean(c.SLACK_BOT_TOKEN), start: async (ctx) => (await import('./bots/slack/start.ts')).startSlack(ctx) },
];

/**
 * Starts each enabled surface. One that fails to start is logged and skipped: the HTTP API
 * and the other surfaces keep serving, and /health reports the failed one as degraded.
 */
export async function startSurfaces(ctx: SurfaceContext, starters: SurfaceStarter[] = SURFACES): Promise<RunningSurface[]> {
  const running: RunningSurface[] = [];
  for (const s of starters) {
    if (!s.enabled(ctx.config)) {
      reportSurfaceOff(ctx.http.healthSources, s.name, ctx.config);
      continue;
    }
    try {
      running.push(await s.start(ctx));
      ctx.logger.info({ surface: s.name }, 'surface started');
    } catch (err) {
      ctx.logger.error({ err, surface: s.name }, 'surface failed to start');
      const detail = `failed to start: ${err instanceof Error ? err.message.slice(0, 200) : 'unknown error'}`;
      ctx.http.healthSources.components = { ...ctx.http.healthSources.components, [s.name]: () => ({ configured: true, ok: false, detail }) };
    }
  }
  return running;
}

export async function stopSurfaces(running: RunningSurface[], logger: Logger): Promise<void> {
  await Promise.all(
    running.map(async (s) => {
      try {
        await s.stop();
      } catch (err) {
        logger.warn({ err, surface: s.name }, 'surface did not stop cleanly');
      }
    }),
  );
}
