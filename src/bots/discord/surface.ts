import type { RunningSurface, SurfaceContext } from '../../surfaces.ts';
import type { Runtime } from '../../runtime.ts';
import type { WiredExtras } from '../../wiring.ts';
import { statusLines } from '../shared/status-lines.ts';
import type { DiscordDeps } from './deps.ts';
import { startDiscord } from './start.ts';

/** The Discord dependencies from the wired extras: documents, status lines, voice channels when speech is set up. */
export async function discordDeps(runtime: Runtime, extras: WiredExtras): Promise<Omit<DiscordDeps, 'runtime'>> {
  const deps: Omit<DiscordDeps, 'runtime'> = { statusLines: () => statusLines(runtime, extras) };
  if (extras.documents) deps.documents = extras.documents;
  if (extras.speech) {
    const { createDiscordVoice } = await import('./voice/index.ts');
    deps.voice = createDiscordVoice({ runtime, speech: extras.speech, logger: runtime.logger.child({ surface: 'discord-voice' }) });
  }
  return deps;
}

export async function startDiscordSurface(ctx: SurfaceContext): Promise<RunningSurface> {
  const deps = await discordDeps(ctx.runtime, ctx.extras);
  let ok = false;
  ctx.http.healthSources.components = {
    ...ctx.http.healthSources.components,
    discord: () => ({ configured: true, ok, detail: ok ? 'connected' : 'not connected' }),
  };
  const bot = await startDiscord(ctx.runtime, deps);
  ok = true;
  return {
    name: 'discord',
    async stop() {
      ok = false;
      await (deps.voice as { closeAll?: () => Promise<void> } | undefined)?.closeAll?.();
      await bot.stop();
    },
  };
}
