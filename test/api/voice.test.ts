import fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import voicePlugin, { voiceRoutes } from '../../src/api/routes/voice.ts';
import { createSpeechStack, type SpeechStack } from '../../src/gpu/stack.ts';
import { espeakSeconds, FakeSpeechServer, oggOpusOf, webmOpusOf } from '../fakes/speech/index.ts';
import { play, silenceWav, silentMp3, sleep, speechConfig, speechWav, waitFor } from '../gpu/speech/helpers.ts';

let gpu: FakeSpeechServer;
let cloud: FakeSpeechServer;
let app: FastifyInstance;
let speech: SpeechStack;

beforeEach(async () => {
  gpu = await new FakeSpeechServer().start();
  cloud = await new FakeSpeechServer().start();
  cloud.transcript = 'cloud transcript';
});

afterEach(async () => {
  await app?.close();
  speech?.stop();
  await gpu.stop();
  await cloud.stop();
});

async function setup(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = speechConfig({ GPU_SERVER_URL: gpu.url, STT_TIMEOUT_MS: '3000', TTS_TIMEOUT_MS: '3000', ...env });
  speech = createSpeechStack({ config, backoffMs: 10 });
  app = fastify();
  await app.register(voicePlugin, { speech, config });
  await app.ready();
  return app;
}

async function upload(file: Buffer | null, fields: Record<string, string> = {}, filename = 'answer.bin', fieldName = 'audio') {
  const form = new FormData();
  if (file) form.append(fieldName, new Blob([new Uint8Array(file)], { type: 'application/octet-stream' }), filename);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const encoded = new Response(form);
  return app.inject({ method: 'POST', url: '/api/voice/transcribe', payload: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type')! } });
}

describe('POST /api/voice/transcribe', () => {
  it('transcribes a 44.1 kHz stereo WAV, sending the server 16 kHz mono', async () => {
    await setup();
    const { wav, seconds } = await speechWav('I improved the build time by half.', 44_100, 2);
    const res = await upload(wav, { language: 'en' }, 'answer.wav');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ provider: 'gpu-whisper', model: 'Systran/faster-distil-whisper-small.en' });
    expect(body.duration_s).toBeCloseTo(seconds, 2);
    expect(body.text).toBe(`heard ${seconds.toFixed(2)} seconds`);
    expect(gpu.transcriptions[0]!.wav).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, audioFormat: 1 });
    expect(gpu.transcriptions[0]!.fields.language).toBe('en');
  });

  it('decodes Ogg/Opus (voice notes) and WebM/Opus (browser recordings) before sending WAV', async () => {
    await setup();
    const text = 'My biggest strength is patience.';
    const expected = await espeakSeconds(text);
    for (const [file, name] of [[await oggOpusOf(text), 'note.ogg'], [await webmOpusOf(text), 'rec.webm']] as const) {
      const res = await upload(file, {}, name);
      expect(res.statusCode).toBe(200);
      expect(res.json().duration_s).toBeGreaterThan(expected - 0.05);
      expect(res.json().duration_s).toBeLessThan(expected + 0.1);
    }
    expect(gpu.transcriptions).toHaveLength(2);
    for (const t of gpu.transcriptions) {
      expect(t.wav).toMatchObject({ sampleRate: 16_000, channels: 1 });
      expect(t.wav!.durationS).toBeGreaterThan(expected - 0.05);
    }
  });

  it('passes mp3 through unchanged when the cloud provider is configured', async () => {
    await setup({ OPENAI_API_KEY: 'sk-test-cloud-key', OPENAI_BASE_URL: `${cloud.url}/v1` });
    const mp3 = silentMp3(2);
    const res = await upload(mp3, {}, 'answer.mp3');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ text: 'cloud transcript', provider: 'openai-whisper', model: 'whisper-1' });
    expect(res.json().duration_s).toBeCloseTo(2, 1);
    expect(cloud.transcriptions[0]!.file.bytes.equals(mp3)).toBe(true);
    expect(gpu.transcriptions).toHaveLength(0);
  });

  it('refuses mp3 with 415 when only the GPU server (WAV only) is available', async () => {
    await setup();
    const res = await upload(silentMp3(1), {}, 'answer.mp3');
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toBe('unsupported_audio');
    expect(gpu.hits.transcriptions).toBe(0);
  });

  it('refuses unrecognised and broken files with clear errors', async () => {
    await setup();
    const junk = await upload(Buffer.from('this is not audio at all, just text'), {}, 'notes.txt');
    expect(junk.statusCode).toBe(415);
    expect(junk.json()).toMatchObject({ error: 'unsupported_audio' });
    expect(junk.json().message).toMatch(/WAV, Ogg\/Opus, WebM\/Opus/);

    const cut = silenceWav(1).subarray(0, 30); // RIFF header cut short
    const broken = await upload(Buffer.concat([cut, Buffer.alloc(0)]), {}, 'a.wav');
    expect(broken.statusCode).toBe(415);
    expect(broken.json().error).toBe('unsupported_audio');
    expect(gpu.hits.transcriptions).toBe(0);
  });

  it('rejects a file over MAX_AUDIO_BYTES with 413', async () => {
    await setup({ MAX_AUDIO_BYTES: String(64 * 1024) });
    const res = await upload(silenceWav(3), {}, 'long.wav'); // ~96 KB
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'audio_too_large', max_bytes: 65_536 });
    expect(res.json().message).toMatch(/64 KB/);
  });

  it('rejects audio longer than MAX_AUDIO_SECONDS, for WAV, Opus and mp3 alike', async () => {
    await setup({ MAX_AUDIO_SECONDS: '2', OPENAI_API_KEY: 'sk-test-cloud-key', OPENAI_BASE_URL: `${cloud.url}/v1` });
    const long = 'This answer goes on and on, well past the two second limit that this test sets for uploads.';
    for (const [file, name] of [[silenceWav(2.5), 'a.wav'], [await oggOpusOf(long), 'a.ogg'], [silentMp3(3), 'a.mp3']] as const) {
      const res = await upload(file, {}, name);
      expect(res.statusCode, name).toBe(400);
      expect(res.json()).toMatchObject({ error: 'audio_too_long', max_seconds: 2 });
    }
    expect(gpu.hits.transcriptions + cloud.hits.transcriptions).toBe(0);
  });

  it('asks for the file when it is missing, and checks the language code', async () => {
    await setup();
    const none = await upload(null, { language: 'en' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toBe('missing_audio');
    const bad = await upload(silenceWav(0.5), { language: 'english please' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('bad_request');
    const plain = await app.inject({ method: 'POST', url: '/api/voice/transcribe', payload: { audio: 'x' } });
    expect(plain.statusCode).toBe(415);
  });

  it('answers 503 no_speech_service when no STT provider is available', async () => {
    await setup({ GPU_SERVER_URL: '' });
    const res = await upload(silenceWav(0.5), {}, 'a.wav');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'no_speech_service', mode: { voice: 'text-only' } });
  });

  it('answers 502 speech_failed when every provider fails, and names the fallback when one answers', async () => {
    await setup();
    gpu.script('transcriptions', { status: 500 }, { status: 500 });
    const failed = await upload(silenceWav(0.5), {}, 'a.wav');
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error).toBe('speech_failed');

    await app.close();
    await setup({ OPENAI_API_KEY: 'sk-test-cloud-key', OPENAI_BASE_URL: `${cloud.url}/v1` });
    gpu.script('transcriptions', { status: 500 }, { status: 500 });
    const ok = await upload(silenceWav(0.5), {}, 'a.wav');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ provider: 'openai-whisper', fallback_from: 'gpu-whisper' });
  });
});

describe('POST /api/voice/synthesize', () => {
  it('returns Ogg/Opus audio with its provider in a header', async () => {
    await setup();
    const res = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: 'Tell me about yourself.', voice: 'energetic' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/ogg');
    expect(res.headers['x-tts-provider']).toBe('gpu-xtts');
    expect(res.headers['x-tts-voice']).toBe('energetic');
    expect(gpu.speechRequests[0]!.body.voice).toBe('shimmer');
    expect((await play(res.rawPayload, 'ogg')).seconds).toBeGreaterThan(0.8);
  });

  it('uses the configured default voice when none is given', async () => {
    await setup({ TTS_VOICE: 'friendly' });
    const res = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: 'Hello.' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-tts-voice']).toBe('friendly');
    expect(gpu.speechRequests[0]!.body.voice).toBe('nova');
  });

  it('lists the presets when the voice is unknown', async () => {
    await setup();
    const res = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: 'Hi.', voice: 'robot' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'unknown_voice', voices: ['professional', 'friendly', 'calm', 'energetic'] });
    expect(gpu.hits.speech).toBe(0);
  });

  it('limits the text length and requires text', async () => {
    await setup({ MAX_TTS_CHARS: '50' });
    const long = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: 'x'.repeat(51) } });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ error: 'text_too_long', max_chars: 50 });
    const empty = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toBe('bad_request');
  });

  it('answers 503 with a clear message in text-only mode', async () => {
    await setup({ GPU_SERVER_URL: '' });
    const res = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: 'Hello.' } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'no_speech_service', mode: { voice: 'text-only', tts: null } });
    expect(res.json().message).toMatch(/continues in text/);
  });
});

describe('GET /api/voice/voices and registration', () => {
  it('lists presets and the current mode', async () => {
    await setup();
    const res = await app.inject({ method: 'GET', url: '/api/voice/voices' });
    expect(res.json()).toMatchObject({ default: 'professional', mode: { voice: 'gpu' } });
    expect(res.json().voices.map((v: { name: string }) => v.name)).toEqual(['professional', 'friendly', 'calm', 'energetic']);
  });

  it('exports the same plugin by name, and works beside a server that already registered multipart', async () => {
    expect(voiceRoutes).toBe(voicePlugin);
    const config = speechConfig({ GPU_SERVER_URL: gpu.url });
    speech = createSpeechStack({ config });
    app = fastify();
    await app.register((await import('@fastify/multipart')).default);
    await app.register(voiceRoutes, { speech, config });
    await app.ready();
    const res = await upload(silenceWav(0.5), {}, 'a.wav');
    expect(res.statusCode).toBe(200);
  });
});

describe('inside the real API server', () => {
  it('is registered by the server, runs its own stack from config, and reports the GPU and voice mode to /health', async () => {
    const { makeApi } = await import('./helpers.ts');
    const { api } = await makeApi({ GPU_SERVER_URL: gpu.url, GPU_HEALTH_INTERVAL_MS: '1000', EDGE_TTS_ENABLED: 'false', EMBEDDINGS_MODEL: 'nomic-embed-text' }, { voiceRoutes: true });
    app = api.app;
    const tts = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: 'Ready when you are.' } });
    expect(tts.statusCode).toBe(200);
    expect(tts.headers['x-tts-provider']).toBe('gpu-xtts');

    const health = async () => (await app.inject({ method: 'GET', url: '/health' })).json();
    await waitFor(() => gpu.hits.health > 0);
    const up = await health();
    expect(up.gpu).toMatchObject({ configured: true, ok: true, services: { stt: true, tts: true, embeddings: true } });
    expect(up.mode.voice).toBe('gpu');

    // The plugin's own probe (every second here) notices the server going down.
    gpu.health = 'error';
    let h = await health();
    for (let i = 0; i < 50 && h.gpu.ok; i++) {
      await sleep(100);
      h = await health();
    }
    expect(h.gpu).toMatchObject({ configured: true, ok: false, services: { stt: false, tts: false, embeddings: false } });
    expect(h.mode.voice).toBe('text-only');
    const refused = await app.inject({ method: 'POST', url: '/api/voice/synthesize', payload: { text: 'Hello?' } });
    expect(refused.statusCode).toBe(503);
  });
});
