import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GpuHealth, type GpuStatus } from '../../../src/gpu/health.ts';
import { createSpeechStack, type SpeechMode, type SpeechStack } from '../../../src/gpu/stack.ts';
import { FakeSpeechServer } from '../../fakes/speech/index.ts';
import { speechConfig, speechWav, waitFor } from './helpers.ts';

let gpu: FakeSpeechServer;
let cloud: FakeSpeechServer;
let stack: SpeechStack | undefined;
let health: GpuHealth | undefined;

beforeEach(async () => {
  gpu = await new FakeSpeechServer().start();
  cloud = await new FakeSpeechServer().start();
});

afterEach(async () => {
  stack?.stop();
  health?.stop();
  stack = undefined;
  health = undefined;
  await gpu.stop();
  await cloud.stop();
});

describe('GPU health probe', () => {
  it('flips to down when the server goes away and back when it returns, announcing each switch once', async () => {
    health = new GpuHealth({ url: gpu.url, apiKey: 'probe-secret-key', intervalMs: 1000, timeoutMs: 500, confirmDelayMs: 20 });
    const changes: [boolean, boolean][] = [];
    health.onChange((now, before) => changes.push([before.up, now.up]));
    health.start();
    await waitFor(() => health!.status().lastCheckedAt !== null);
    expect(health.status()).toMatchObject({ configured: true, up: true, lastError: null });
    expect(health.status().latencyMs).toBeGreaterThanOrEqual(0);

    await gpu.stop();
    await waitFor(() => !health!.status().up, 4000);
    const down = health.status();
    expect(down.lastError).toMatch(/cannot reach the GPU server/);
    expect(down.lastError).not.toContain('probe-secret-key');
    expect(health.isDown()).toBe(true);

    await gpu.start(); // same port
    await waitFor(() => health!.status().up, 4000);
    expect(changes).toEqual([[false, true], [true, false], [false, true]]);
  });

  it('does not call a server down for one failed probe', async () => {
    health = new GpuHealth({ url: gpu.url, intervalMs: 60_000, confirmDelayMs: 20 });
    await health.check();
    gpu.script('health', { status: 500 });
    await health.check();
    expect(health.status().up).toBe(true);
    expect(gpu.hits.health).toBe(3);
  });

  it('calls a server that does not answer within the timeout down', async () => {
    health = new GpuHealth({ url: gpu.url, intervalMs: 60_000, timeoutMs: 200 });
    gpu.script('health', { hang: true });
    const s = await health.check();
    expect(s).toMatchObject({ up: false, configured: true });
    expect(s.lastError).toMatch(/no answer from \/health within 200 ms/);
  });

  it('uses GET /v1/models when the server has no /health, and knows whether it serves embeddings', async () => {
    gpu.health = 'missing';
    health = new GpuHealth({ url: gpu.url, intervalMs: 60_000, embeddingsModel: 'nomic-embed-text' });
    const s = await health.check();
    expect(s.up).toBe(true);
    expect(s.models).toContain('tts-1-hd');
    expect(health.gpuEmbeddingsAvailable()).toBe(true);

    const other = new GpuHealth({ url: gpu.url, intervalMs: 60_000, embeddingsModel: 'bge-m3' });
    await other.check();
    expect(other.gpuEmbeddingsAvailable()).toBe(false);

    gpu.models = [];
    gpu.health = 'error';
    await health.check();
    expect(health.gpuEmbeddingsAvailable()).toBe(false);
  });

  it('is not configured without GPU_SERVER_URL and never probes', async () => {
    health = new GpuHealth({ url: undefined, intervalMs: 1000 });
    health.start();
    const s: GpuStatus = await health.check();
    expect(s).toMatchObject({ configured: false, up: false, lastCheckedAt: null });
    expect(health.gpuEmbeddingsAvailable()).toBe(false);
  });
});

describe('speech stack following the probe', () => {
  it('skips the GPU while it is down and goes back to it when the probe sees it up', async () => {
    stack = createSpeechStack({ config: speechConfig({ GPU_SERVER_URL: gpu.url, OPENAI_API_KEY: 'sk-test-cloud-key', OPENAI_BASE_URL: `${cloud.url}/v1`, EDGE_TTS_ENABLED: 'true' }), backoffMs: 10 });
    const modes: SpeechMode[] = [];
    stack.onModeChange((now) => modes.push(now));
    const wav = (await speechWav('I would start with the data model.', 16_000, 1)).wav;

    await stack.health.check();
    expect(stack.mode()).toEqual({ voice: 'gpu', stt: 'gpu-whisper', tts: 'gpu-xtts' });
    expect((await stack.stt.transcribe({ wav })).provider).toBe('gpu-whisper');

    gpu.health = 'error';
    await stack.health.check();
    expect(stack.mode()).toEqual({ voice: 'cloud-stt+edge-tts', stt: 'openai-whisper', tts: 'edge-tts' });
    const hits = gpu.hits.transcriptions;
    const r = await stack.stt.transcribe({ wav });
    expect(r).toMatchObject({ provider: 'openai-whisper', fallbackFrom: 'gpu-whisper' });
    expect(gpu.hits.transcriptions).toBe(hits);

    gpu.health = 'ok';
    await stack.health.check();
    expect((await stack.stt.transcribe({ wav })).provider).toBe('gpu-whisper');
    expect(modes.map((m) => m.voice)).toEqual(['cloud-stt+edge-tts', 'gpu']);
    expect(stack.gpuStatus()).toMatchObject({ configured: true, up: true });
  });

  it('probes at once when a GPU call cannot connect, instead of waiting for the next interval', async () => {
    const probe = new GpuHealth({ url: gpu.url, intervalMs: 3_600_000, confirmDelayMs: 20, nudgeGapMs: 0 });
    stack = createSpeechStack({ config: speechConfig({ GPU_SERVER_URL: gpu.url, OPENAI_API_KEY: 'sk-test-cloud-key', OPENAI_BASE_URL: `${cloud.url}/v1` }), health: probe, backoffMs: 10 });
    await probe.check();
    expect(probe.status().up).toBe(true);
    await gpu.stop();
    const r = await stack.stt.transcribe({ wav: (await speechWav('Hello.', 16_000, 1)).wav });
    expect(r).toMatchObject({ provider: 'openai-whisper', fallbackFrom: 'gpu-whisper' });
    await waitFor(() => !probe.status().up, 2000);
    expect(stack.mode()).toMatchObject({ voice: 'text-only', stt: 'openai-whisper', tts: null });
  });

  it('closes the GPU circuit when the probe sees the server back', async () => {
    stack = createSpeechStack({ config: speechConfig({ GPU_SERVER_URL: gpu.url, OPENAI_API_KEY: 'sk-test-cloud-key', OPENAI_BASE_URL: `${cloud.url}/v1` }), backoffMs: 10, breaker: { threshold: 1, cooldownMs: 60_000 } });
    const wav = (await speechWav('Okay.', 16_000, 1)).wav;
    gpu.script('transcriptions', { status: 500 }, { status: 500 });
    expect((await stack.stt.transcribe({ wav })).provider).toBe('openai-whisper');
    expect(stack.mode().stt).toBe('openai-whisper'); // circuit open
    gpu.health = 'error';
    await stack.health.check();
    gpu.health = 'ok';
    await stack.health.check();
    expect(stack.mode().stt).toBe('gpu-whisper');
    expect((await stack.stt.transcribe({ wav })).provider).toBe('gpu-whisper');
  });

  it('is text-only when nothing is configured', () => {
    stack = createSpeechStack({ config: speechConfig({}) });
    expect(stack.mode()).toEqual({ voice: 'text-only', stt: null, tts: null });
    expect(stack.stt.available()).toEqual([]);
  });
});
