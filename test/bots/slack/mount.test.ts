// The Slack surface started the way src/main.ts starts it: mounted on the API server's own port
// at /slack/events, where Bolt must still see the untouched body to check signatures.
import { afterEach, describe, expect, it } from 'vitest';
import { createApiServer, type ApiServer } from '../../../src/api/server.ts';
import { loadConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { composeApp } from '../../../src/app/app.ts';
import { NO_PARTS } from '../../../src/app/parts.ts';
import type { RunningSurface } from '../../../src/app/surface.ts';
import { startSurfaces, stopSurfaces } from '../../../src/app/surfaces.ts';
import { MemoryKeyValueStore } from '../../../src/engine/store/memory-store.ts';
import { sendSlashCommand, sendUrlVerification, startFakeSlack, type FakeSlack } from '../../fakes/slack/index.ts';
import { CANDIDATE, CHANNEL, SECRET } from './harness.ts';

describe('Slack surface on the API server', () => {
  let fake: FakeSlack;
  let api: ApiServer;
  let running: RunningSurface[] = [];
  afterEach(async () => {
    await stopSurfaces(running, silentLogger());
    await api.close();
    await fake.close();
  });

  it('serves signed Slack requests at /slack/events next to the API and reports itself in /health', async () => {
    fake = await startFakeSlack({ users: [CANDIDATE] });
    const config = loadConfig({ SLACK_BOT_TOKEN: fake.identity.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, STORE_URL: 'memory://' });
    const app = composeApp(config, silentLogger(), new MemoryKeyValueStore(), NO_PARTS);
    api = await createApiServer({ engine: app.engine, kv: app.kv, logger: app.logger, config, processMetrics: false, voiceRoutes: false });
    running = await startSurfaces({ app, http: api });
    expect(running.map((s) => s.name)).toEqual(['slack']);
    const { url } = await api.listen({ port: 0, host: '127.0.0.1' });
    const endpoint = `${url}/slack/events`;

    expect((await sendUrlVerification(endpoint, SECRET, 'abc')).json).toEqual({ challenge: 'abc' });
    expect((await sendSlashCommand(endpoint, SECRET, { text: 'behavioral', response_url: fake.responseUrl() }, { forge: 'bad-signature' })).status).toBe(401);
    const ok = await sendSlashCommand(endpoint, SECRET, { text: 'behavioral', user_id: CANDIDATE.id, response_url: fake.responseUrl() });
    expect(ok.status).toBe(200);
    await fake.waitFor(() => fake.messages(CHANNEL).find((m) => (m.text ?? '').startsWith("Emma's behavioral interview")), 3000, 'the parent message');

    const health = (await (await fetch(`${url}/health`)).json()) as { components?: Record<string, { ok: boolean; detail?: string }> };
    expect(health.components?.slack).toMatchObject({ ok: true, detail: 'HTTP at /slack/events' });
  });
});
