// The manifest people install from must match what the app listens to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../../src/bots/slack/app.ts';
import { COMMAND } from '../../../src/bots/slack/listeners/commands/index.ts';

interface Manifest {
  features: { app_home: { home_tab_enabled: boolean }; bot_user: { display_name: string }; slash_commands: { command: string; url: string; usage_hint: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

describe('slack-app-manifest.yaml', () => {
  const m = parse(readFileSync(new URL('../../../slack-app-manifest.yaml', import.meta.url), 'utf8')) as Manifest;

  it('declares the command, events, scopes and URLs the app uses', () => {
    expect(m.features.slash_commands.map((c) => c.command)).toEqual([COMMAND]);
    expect(m.features.slash_commands[0]!.usage_hint).toContain('behavioral');
    for (const u of [m.features.slash_commands[0]!.url, m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url]) {
      expect(u).toBe(`https://YOUR_HOST${SLACK_EVENTS_PATH}`);
    }
    expect(m.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'app_home_opened', 'file_shared', 'message.channels', 'message.groups', 'message.im']));
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'app_mentions:read', 'channels:history', 'groups:history', 'im:history', 'files:read', 'files:write', 'users:read']));
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.features.bot_user.display_name).toBe('Alex');
  });
});
