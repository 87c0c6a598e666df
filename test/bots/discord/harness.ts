import { loadConfig } from '../../../src/config.ts';
import { createDiscordBot } from '../../../src/bots/discord/client.ts';
import type { DiscordDeps } from '../../../src/bots/discord/deps.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createApp, type App } from '../../../src/app/app.ts';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/index.ts';

export const TOKEN = 'discord-test-token';

/** A fake Discord, a runtime over the given store, and the real bot logged in against the fake. */
export async function startHarness(opts: { storeUrl?: string; deps?: Partial<DiscordDeps>; fake?: FakeDiscord; runtime?: App; env?: Record<string, string> } = {}) {
  const fake = opts.fake ?? (await startFakeDiscord({ token: TOKEN }));
  const runtime = opts.runtime ?? (await createApp(loadConfig({ STORE_URL: opts.storeUrl ?? 'memory://', ...opts.env }), silentLogger()));
  const bot = createDiscordBot({ app: runtime, voice: null, ...opts.deps }, { token: TOKEN, api: fake.restUrl });
  await bot.start();
  return { fake, runtime, bot };
}

export function startOptions(type: string, extra: { name: string; type: number; value: string | number | boolean }[] = []) {
  return [{ name: 'start', type: 1, options: [{ name: 'type', type: 3, value: type }, ...extra] }];
}

export async function until<T>(fn: () => T | undefined | null | false, ms = 5000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}
