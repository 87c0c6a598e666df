// /health as `make start` builds it: the wired parts report the live mode of each capability.
import { expect, test } from 'vitest';
import { createApiServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildApp } from '../../src/app/app.ts';

test('with no model, no GPU and no embeddings: offline interviewer, Edge TTS, lexical customize', async () => {
  const config = loadConfig({ STORE_URL: 'memory://' });
  const runtime = await buildApp(config, silentLogger(), { speech: true });
  const api = await createApiServer({ engine: runtime.engine, kv: runtime.kv, logger: silentLogger(), config, modeNotes: runtime.modeNotes, healthSources: runtime.health, ...(runtime.speech ? { speech: runtime.speech } : {}) });
  try {
    const res = await api.app.inject({ method: 'GET', url: '/health' });
    expect(res.json()).toMatchObject({ mode: { interviewer: 'offline', voice: 'edge-tts', customize: 'lexical' }, store: { kind: 'memory', ok: true } });
  } finally {
    await api.close();
    await runtime.close();
  }
});
