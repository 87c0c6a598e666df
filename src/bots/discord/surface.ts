import type { App } from '../../app/app.ts';
import type { RunningSurface, SurfaceContext } from '../../app/surface.ts';
import type { DiscordDeps } from './deps.ts';
import { startDiscord } from './start.ts';
import { createDiscordVoice, type DiscordVoiceController } from './voice/index.ts';

/** The Discord dependencies of an app: voice channels when speech is set up. */
export function discordDeps(app: App): DiscordDeps & { voice: DiscordVoiceController | null } {
  const voice = app.speech ? createDiscordVoice({ app, speech: app.speech, logger: app.logger.child({ surface: 'discord-voice' }) }) : null;
  return { app, voice };
}

/** The Discord surface's starter (src/app/surfaces.ts). */
export async function startDiscordSurface(ctx: SurfaceContext): Promise<RunningSurface> {
  const deps = discordDeps(ctx.app);
  let ok = false;
  ctx.http.healthSources.components = {
    ...ctx.http.healthSources.components,
    discord: () => ({ configured: true, ok, detail: ok ? 'connected' : 'not connected' }),
  };
  const bot = await startDiscord(deps);
  ok = true;
  return {
    name: 'discord',
    async stop() {
      ok = false;
      await deps.voice?.closeAll();
      await bot.stop();
    },
  };
}
