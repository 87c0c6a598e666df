/** Signed but malformed Slack bodies get a quick 400 (never a 500 or silence), and timestamps must be within five minutes either way. */
import { afterEach, describe, expect, it } from 'vitest';
import { createApiServer, type ApiServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { composeApp } from '../../src/app/app.ts';
import { NO_PARTS } from '../../src/app/parts.ts';
import type { RunningSurface } from '../../src/app/surface.ts';
import { startSurfaces, stopSurfaces } from '../../src/app/surfaces.ts';
import { MemoryKeyValueStore } from '../../src/engine/store/memory-store.ts';
import { sendSigned, sendSlashCommand, sendUrlVerification, startFakeSlack, type FakeSlack } from '../fakes/slack/index.ts';
import { CANDIDATE, SECRET } from '../bots/slack/harness.ts';

describe('Slack request guard', () => {
  let fake: FakeSlack;
  let api: ApiServer;
  let running: RunningSurface[] = [];
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => rejections.push(e);
  afterEach(async () => {
    process.off('unhandledRejection', onRejection);
    await stopSurfaces(running, silentLogger());
    await api.close();
    await fake.close();
  });

  async function endpoint(): Promise<string> {
    process.on('unhandledRejection', onRejection);
    fake = await startFakeSlack({ users: [CANDIDATE] });
    const config = loadConfig({ SLACK_BOT_TOKEN: fake.identity.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, STORE_URL: 'memory://' });
    const app = composeApp(config, silentLogger(), new MemoryKeyValueStore(), NO_PARTS);
    api = await createApiServer({ engine: app.engine, kv: app.kv, logger: app.logger, config, processMetrics: false, voiceRoutes: false });
    running = await startSurfaces({ app, http: api });
    const { url } = await api.listen({ port: 0, host: '127.0.0.1' });
    return `${url}/slack/events`;
  }

  it('answers signed bodies of the wrong shape with 400 within a second, and nothing is left unhandled', async () => {
    const url = await endpoint();
    const bad: [string, string][] = [
      ['null', 'application/json'],
      ['"just a string"', 'application/json'],
      ['{"type":"event_callback","event":null}', 'application/json'],
      ['{"type":"event_callback","event":{"type":"message","text":5,"channel":"C1","ts":1}}', 'application/json'],
      ['{"type":"event_callback","event":{"type":"app_mention","user":"U1","text":"hi","ts":"1.2","files":"nope"}}', 'application/json'],
      ['{"type":"url_verification","challenge":{"x":1}}', 'application/json'],
      ['{not json', 'application/json'],
      ['payload=null', 'application/x-www-form-urlencoded'],
      [`payload=${encodeURIComponent('{"type":"block_actions","actions":"x"}')}`, 'application/x-www-form-urlencoded'],
      ['text=hello', 'application/x-www-form-urlencoded'],
    ];
    for (const [body, type] of bad) {
      const t0 = performance.now();
      const res = await sendSigned(url, SECRET, body, type);
      expect(res.status, body).toBe(400);
      expect((res.json as { error: string }).error).toBe('bad_request');
      expect(performance.now() - t0).toBeLessThan(1000);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(rejections).toEqual([]);
    // Well-formed requests still reach Bolt.
    expect((await sendUrlVerification(url, SECRET, 'abc')).json).toEqual({ challenge: 'abc' });
    expect((await sendSlashCommand(url, SECRET, { text: 'help', user_id: CANDIDATE.id, response_url: fake.responseUrl() })).status).toBe(200);
  });

  it('refuses timestamps more than five minutes in the future or the past', async () => {
    const url = await endpoint();
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc' });
    for (const timestamp of [now + 10 * 60, now + 6 * 60, now - 6 * 60]) {
      expect((await sendSigned(url, SECRET, body, 'application/json', { timestamp })).status, String(timestamp - now)).toBe(401);
    }
    expect((await sendSigned(url, SECRET, body, 'application/json', { timestamp: now + 60 })).status).toBe(200);
    expect((await sendSigned(url, SECRET, body, 'application/json', { forge: 'bad-signature' })).status).toBe(401);
  });
});
