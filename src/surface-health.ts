import type { Config } from './config.ts';
import type { HealthSources } from './api/health.ts';

/** Why a chat surface is off, in the words of the setting that would turn it on. */
export function whySurfaceOff(name: string, config: Config): string {
  if (name === 'discord') return 'off: DISCORD_TOKEN is not set';
  if (name === 'slack') return config.SLACK_BOT_TOKEN ? 'off' : 'off: SLACK_BOT_TOKEN is not set';
  return 'off: not configured';
}

/** Lists a surface that is not configured in /health, so every surface appears there with its reason. */
export function reportSurfaceOff(sources: HealthSources, name: string, config: Config): void {
  const detail = whySurfaceOff(name, config);
  sources.components = { ...sources.components, [name]: () => ({ configured: false, ok: false, detail }) };
}
