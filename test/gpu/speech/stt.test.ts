import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoSpeechProvider } from '../../../src/gpu/errors.ts';
import { createSpeechStack, type SpeechStack } from '../../../src/gpu/stack.ts';
import { FakeSpeechServer } from '../../fakes/speech/index.ts';
import { silentMp3, speechConfig, speechWav } from './helpers.ts';

let gpu: FakeSpeechServer;
let cloud: FakeSpeechServer;
let stack: SpeechStack | undefined;

beforeEach(async () => {
  gpu = await new FakeSpeechServer().start();
  cloud = await new FakeSpeechServer().start();
  cloud.transcript = 'from the cloud';
});

afterEach(async () => {
  stack?.stop();
  stack = undefined;
  await gpu.stop();
  await cloud.stop();
});

function build(env: Record<string, string> = {}): SpeechStack {
  const config = speechConfig({ GPU_SERVER_URL: gpu.url, GPU_SERVER_API_KEY: 'gpu-secret-key', OPENAI_API_KEY: 'sk-test-cloud-key', OPENAI_BASE_URL: `${cloud.url}/v1`, STT_TIMEOUT_MS: '2000', ...env });
  stack = createSpeechStack({ config, backoffMs: 10 });
  return stack;
}

describe('speech-to-text on the GPU server', () => {
  it('sends 16 kHz mono 16-bit WAV of the same length, whatever the input rate and channels', async () => {
    const s = build();
    const { wav, seconds } = await speechWav('Tell me about a project you are proud of.', 44_100, 2);
    const r = await s.stt.transcribe({ wav }, { language: 'en-US', prompt: 'Question: describe a project.' });

    expect(r.provider).toBe('gpu-whisper');
    expect(r.fallbackFrom).toBeUndefined();
    expect(r.model).toBe('Systran/faster-distil-whisper-small.en');
    expect(gpu.transcriptions).toHaveLength(1);
    const sent = gpu.transcriptions[0]!;
    expect(sent.wav).toMatchObject({ riff: true, wave: true, audioFormat: 1, channels: 1, sampleRate: 16_000, bitsPerSample: 16 });
    expect(sent.wav!.durationS).toBeCloseTo(seconds, 2);
    expect(sent.file).toMatchObject({ name: 'speech.wav', type: 'audio/wav' });
    expect(sent.fields).toMatchObject({ model: 'Systran/faster-distil-whisper-small.en', language: 'en', prompt: 'Question: describe a project.', response_format: 'verbose_json' });
    expect(sent.authorization).toBe('Bearer gpu-secret-key');
    expect(r.text).toBe(`heard ${seconds.toFixed(2)} seconds`);
    expect(r.durationS).toBeCloseTo(seconds, 2);
    expect(cloud.transcriptions).toHaveLength(0);
  });

  it('takes raw PCM and a per-request model for the self-hosted server', async () => {
    const s = build();
    const pcm16 = new Int16Array(22_050 * 2).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / 22_050)));
    const r = await s.stt.transcribe({ pcm16, sampleRate: 22_050 }, { model: 'Systran/faster-whisper-large-v3' });
    expect(r.model).toBe('Systran/faster-whisper-large-v3');
    expect(gpu.transcriptions[0]!.fields.model).toBe('Systran/faster-whisper-large-v3');
    expect(gpu.transcriptions[0]!.wav).toMatchObject({ sampleRate: 16_000, channels: 1 });
    expect(gpu.transcriptions[0]!.wav!.durationS).toBeCloseTo(2, 2);
  });

  it('sends the server no key when none is configured', async () => {
    const s = build({ GPU_SERVER_API_KEY: '' });
    await s.stt.transcribe({ wav: (await speechWav('Hello.', 16_000, 1)).wav });
    expect(gpu.transcriptions[0]!.authorization).toBe('Bearer none');
  });
});

describe('speech-to-text fallbacks', () => {
  it('retries a 500 once, then answers from OpenAI whisper-1 and says so', async () => {
    const s = build();
    gpu.script('transcriptions', { status: 500 }, { status: 500 });
    const r = await s.stt.transcribe({ wav: (await speechWav('I led the migration.', 16_000, 1)).wav });
    expect(r).toMatchObject({ text: 'from the cloud', provider: 'openai-whisper', model: 'whisper-1', fallbackFrom: 'gpu-whisper' });
    expect(gpu.hits.transcriptions).toBe(2);
    expect(cloud.transcriptions).toHaveLength(1);
    expect(cloud.transcriptions[0]!.authorization).toBe('Bearer sk-test-cloud-key');
    expect(cloud.transcriptions[0]!.wav).toMatchObject({ sampleRate: 16_000, channels: 1 });
  });

  it('recovers on the GPU when a retry after 429 succeeds', async () => {
    const s = build();
    gpu.script('transcriptions', { status: 429, retryAfter: '0' });
    const r = await s.stt.transcribe({ wav: (await speechWav('Yes.', 16_000, 1)).wav });
    expect(r.provider).toBe('gpu-whisper');
    expect(r.fallbackFrom).toBeUndefined();
    expect(gpu.transcriptions).toHaveLength(1);
  });

  it('does not retry a 400 on the same server: it falls through at once', async () => {
    const s = build();
    gpu.script('transcriptions', { status: 400 });
    const r = await s.stt.transcribe({ wav: (await speechWav('Sure.', 16_000, 1)).wav });
    expect(r).toMatchObject({ provider: 'openai-whisper', fallbackFrom: 'gpu-whisper' });
    expect(gpu.hits.transcriptions).toBe(1);
    // A bad request says nothing about the server's health: the next turn goes to the GPU again.
    expect((await s.stt.transcribe({ wav: (await speechWav('Sure.', 16_000, 1)).wav })).provider).toBe('gpu-whisper');
  });

  it('falls back when the GPU server stalls past the timeout', async () => {
    const s = build({ STT_TIMEOUT_MS: '400' });
    gpu.script('transcriptions', { hang: true }, { hang: true });
    const started = Date.now();
    const r = await s.stt.transcribe({ wav: (await speechWav('Next question please.', 16_000, 1)).wav });
    expect(r).toMatchObject({ provider: 'openai-whisper', fallbackFrom: 'gpu-whisper' });
    // Within the chain deadline (2 x timeout), not the SDK's minutes-long default.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('falls back when the connection is reset', async () => {
    const s = build();
    gpu.script('transcriptions', { reset: true }, { reset: true });
    const r = await s.stt.transcribe({ wav: (await speechWav('Okay.', 16_000, 1)).wav });
    expect(r).toMatchObject({ provider: 'openai-whisper', fallbackFrom: 'gpu-whisper' });
  });

  it('reports every provider tried when all fail', async () => {
    const s = build({ OPENAI_API_KEY: '' });
    gpu.script('transcriptions', { status: 503 }, { status: 503 });
    const err = await s.stt.transcribe({ wav: (await speechWav('Hello.', 16_000, 1)).wav }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoSpeechProvider);
    expect((err as NoSpeechProvider).tried).toEqual(['gpu-whisper']);
    expect((err as NoSpeechProvider).errors[0]!.kind).toBe('server');
  });

  it('opens the circuit after repeated failures, so later turns skip the GPU without waiting', async () => {
    const s = build();
    const wav = (await speechWav('Hello.', 16_000, 1)).wav;
    for (let i = 0; i < 3; i++) {
      gpu.script('transcriptions', { status: 502 }, { status: 502 });
      expect((await s.stt.transcribe({ wav })).provider).toBe('openai-whisper');
    }
    expect(s.mode().stt).toBe('openai-whisper');
    const before = gpu.hits.transcriptions;
    const r = await s.stt.transcribe({ wav });
    expect(r).toMatchObject({ provider: 'openai-whisper', fallbackFrom: 'gpu-whisper' });
    expect(gpu.hits.transcriptions).toBe(before);
  });

  it('sends compressed audio only to a provider that accepts it, unchanged', async () => {
    const s = build();
    const mp3 = silentMp3(1.5);
    expect(s.stt.accepts('mp3')).toBe(true);
    const r = await s.stt.transcribe({ encoded: mp3, format: 'mp3' });
    expect(r.provider).toBe('openai-whisper');
    expect(r.fallbackFrom).toBeUndefined(); // the GPU server was never a candidate for mp3
    expect(cloud.transcriptions[0]!.file).toMatchObject({ name: 'speech.mp3', type: 'audio/mpeg' });
    expect(cloud.transcriptions[0]!.file.bytes.equals(mp3)).toBe(true);
    expect(gpu.transcriptions).toHaveLength(0);
  });
});
