import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig, secretValues } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';

describe('configuration', () => {
  test('defaults work with an empty environment', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8000);
    expect(c.STORE_URL).toBe('sqlite://./data/interviews.sqlite');
    expect(c.GEMINI_DAILY_QUOTA).toBe(1500);
    expect(c.OPENAI_MODEL).toBe('gpt-4o-mini');
  });

  test('an invalid value is reported with its variable name', () => {
    try {
      loadConfig({ PORT: 'eighty', STORE_URL: 'ftp://x', GPU_SERVER_URL: 'not a url' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/PORT: .*got "eighty"/);
      expect(msg).toMatch(/STORE_URL: must be sqlite/);
      expect(msg).toMatch(/GPU_SERVER_URL: must be a URL/);
    }
  });

  test('a secret never appears in a configuration error', () => {
    try {
      loadConfig({ DISCORD_TOKEN: 'super-secret-discord-token-value', SLACK_APP_TOKEN: 'xoxb-wrong-kind-secret' , SLACK_BOT_TOKEN: 'xoxb-1' });
      expect.unreachable();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/DISCORD_APPLICATION_ID: required/);
      expect(msg).toMatch(/SLACK_APP_TOKEN: must be an app-level token/);
      expect(msg).not.toContain('super-secret-discord-token-value');
      expect(msg).not.toContain('xoxb-wrong-kind-secret');
    }
  });

  test('.env.example documents every variable the config reads', () => {
    const example = readFileSync(join(import.meta.dirname, '..', '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const c = loadConfig({});
    for (const name of Object.keys(c)) expect(documented, `${name} missing from .env.example`).toContain(name);
  });

  test('secrets are scrubbed from log lines, even inside error messages', () => {
    const c = loadConfig({ GEMINI_API_KEY: 'AIzaSy-very-secret-key' });
    const lines: string[] = [];
    const log = createLogger({ level: 'info', secrets: secretValues(c), destination: { write: (l: string) => lines.push(l) } });
    log.error({ err: new Error('401 from provider: key AIzaSy-very-secret-key rejected'), apiKey: 'AIzaSy-very-secret-key', headers: { authorization: 'Bearer abc' } }, 'provider failed');
    const out = lines.join('');
    expect(out).toContain('provider failed');
    expect(out).toContain('[REDACTED]');
    expect(out).not.toContain('AIzaSy-very-secret-key');
    expect(out).not.toContain('Bearer abc');
  });
});
