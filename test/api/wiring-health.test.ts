// /health as `make start` builds it: the wired parts report the live mode of each capability.
import { expect, test } from 'vitest';
import { healthSourcesFromExtras } from '../../src/api/health-sources.ts';
import { createApiServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { bootRuntime } from '../../src/runtime.ts';

test('with no model, no GPU and no embeddings: offline interviewer, Edge TTS, lexical customize', async () => {
  const config = loadConfig({ STORE_URL: 'memory://' });
  const { runtime, extras } = await bootRuntime(config, silentLogger());
  const api = await createApiServer({ engine: runtime.engine, kv: runtime.kv, logger: silentLogger(), config, modeNotes: runtime.modeNotes, healthSources: healthSourcesFromExtras(extras), ...(extras.speech ? { speech: extras.speech } : {}) });
  try {
    const res = await api.app.inject({ method: 'GET', url: '/health' });
    expect(res.json()).toMatchObject({ mode: { interviewer: 'offline', voice: 'edge-tts', customize: 'lexical' }, store: { kind: 'memory', ok: true } });
  } finally {
    await api.close();
    await runtime.close();
  }
});
