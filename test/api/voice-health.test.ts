// /health follows speech as it happens: a synthesis that just failed shows at once, not only
// after enough failures to open a circuit breaker, and a success clears it.
import { afterEach, expect, test } from 'vitest';
import { createSpeechStack, type SpeechStack } from '../../src/gpu/stack.ts';
import { FakeSpeechServer } from '../fakes/speech/index.ts';
import { speechConfig, waitFor } from '../gpu/speech/helpers.ts';
import { apiForTest } from './helpers.ts';

let gpu: FakeSpeechServer | undefined;
let speech: SpeechStack | undefined;
afterEach(async () => {
  speech?.stop();
  await gpu?.stop();
});

test('a failed synthesis turns /health to text-only and degraded at once; the next success restores it', async () => {
  gpu = await new FakeSpeechServer().start();
  const env = { GPU_SERVER_URL: gpu.url, EDGE_TTS_ENABLED: 'false', TTS_TIMEOUT_MS: '3000' };
  speech = createSpeechStack({ config: speechConfig(env), backoffMs: 10 });
  speech.start();
  const { app } = await apiForTest(env, { voiceRoutes: true, speech });
  const health = async () => (await app.inject({ method: 'GET', url: '/health' })).json();
  await waitFor(() => speech!.gpuStatus().up);
  expect(await health()).toMatchObject({ status: 'ok', mode: { voice: 'gpu' } });

  // Both attempts at the GPU server's speech route fail: the request is answered 502...
  gpu.script('speech', { status: 500 }, { status: 500 });
  const failed = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: 'Tell me about yourself.' } });
  expect(failed.statusCode).toBe(502);
  // ...and /health says so on the very next check, although the server's own probe is still fine.
  const after = await health();
  expect(after.status).toBe('degraded');
  expect(after.mode.voice).toBe('text-only');
  expect(after.gpu).toMatchObject({ ok: false, services: { tts: false } });
  expect(after.components.speech).toMatchObject({ configured: true, ok: false, detail: expect.stringContaining('gpu-xtts') });

  const ok = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: 'Tell me about yourself.' } });
  expect(ok.statusCode).toBe(200);
  expect(await health()).toMatchObject({ status: 'ok', mode: { voice: 'gpu' }, components: { speech: { ok: true } } });
});
