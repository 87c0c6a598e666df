import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { reportSurfaceOff } from '../surface-health.ts';
import type { RunningSurface, StartSurface, SurfaceContext } from './surface.ts';

export interface SurfaceEntry {
  name: string;
  enabled(config: Config): boolean;
  /** The surface module's starter, loaded only when the surface is on (keeps discord.js and Bolt out of processes that do not use them). */
  load(): Promise<StartSurface>;
}

/** Every chat surface: a new one is one entry here plus its own folder under src/bots. */
export const SURFACES: SurfaceEntry[] = [
  { name: 'discord', enabled: (c) => Boolean(c.DISCORD_TOKEN), load: async () => (await import('../bots/discord/surface.ts')).startDiscordSurface },
  { name: 'slack', enabled: (c) => Boolean(c.SLACK_BOT_TOKEN), load: async () => (await import('../bots/slack/start.ts')).startSlack },
];

/**
 * Starts each enabled surface. One that fails to start is logged and skipped: the HTTP API
 * and the other surfaces keep serving, and /health reports the failed one as degraded.
 */
export async function startSurfaces(ctx: SurfaceContext, entries: SurfaceEntry[] = SURFACES): Promise<RunningSurface[]> {
  const running: RunningSurface[] = [];
  const log = ctx.app.logger;
  for (const s of entries) {
    if (!s.enabled(ctx.app.config)) {
      reportSurfaceOff(ctx.http.healthSources, s.name, ctx.app.config);
      continue;
    }
    try {
      const start = await s.load();
      running.push(await start(ctx));
      log.info({ surface: s.name }, 'surface started');
    } catch (err) {
      log.error({ err, surface: s.name }, 'surface failed to start');
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
