import { describe, expect, it } from 'vitest';
import type { HealthJson } from '../src/api/schemas.ts';
import { bannerLines, browsableUrl } from '../src/banner.ts';

const health = (over: Partial<HealthJson> = {}): HealthJson => ({
  status: 'degraded',
  mode: { interviewer: 'gemini', voice: 'edge-tts', customize: 'lexical' },
  providers: {},
  gpu: { configured: true, ok: false, detail: 'GPU server unreachable' },
  store: { kind: 'redis', ok: true },
  components: {
    discord: { configured: true, ok: false, detail: 'failed to start: An invalid token was provided.' },
    slack: { configured: true, ok: true, detail: 'Socket Mode' },
  },
  notes: ['Mode: Gemini gemini-2.5-flash, with OpenAI gpt-4o-mini as fallback and the offline interviewer last.'],
  version: '1.2.3',
  uptime_s: 1,
  ...over,
});

describe('the banner text', () => {
  it('says which surface failed and why, and each mode in words', () => {
    const text = bannerLines({ baseUrl: 'http://localhost:9000', store: 'redis://***@cache:6379/0', health: health() }).join('\n');
    expect(text).toMatch(/API\s+http:\/\/localhost:9000 {2}\(docs: http:\/\/localhost:9000\/docs\)/);
    expect(text).toMatch(/Discord\s+not working: failed to start: An invalid token was provided\./);
    expect(text).toMatch(/Slack\s+on, over Socket Mode/);
    expect(text).toMatch(/Model\s+Gemini gemini-2\.5-flash, with OpenAI gpt-4o-mini as fallback and the offline interviewer last$/m);
    expect(text).toMatch(/Speech\s+Edge TTS voice; answers are typed \(GPU server: GPU server unreachable\)/);
    expect(text).toMatch(/Store\s+redis:\/\/\*\*\*@cache:6379\/0$/m);
  });

  it('lists a surface missing from /health as off', () => {
    const text = bannerLines({ baseUrl: 'http://localhost:8000', store: 'memory://', health: health({ components: {} }) }).join('\n');
    expect(text).toMatch(/Discord\s+off$/m);
    expect(text).toMatch(/Slack\s+off$/m);
  });

  it('turns the listening address into one a browser can open', () => {
    expect(browsableUrl('0.0.0.0', 8123)).toBe('http://localhost:8123');
    expect(browsableUrl('::', 8123)).toBe('http://localhost:8123');
    expect(browsableUrl('127.0.0.1', 8123)).toBe('http://127.0.0.1:8123');
    expect(browsableUrl('::1', 8123)).toBe('http://[::1]:8123');
  });
});
