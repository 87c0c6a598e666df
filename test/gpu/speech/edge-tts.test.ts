/**
 * Edge TTS through the real msedge-tts client against a fake of Edge's WebSocket. The
 * package has no URL option, so this file (and only this one) repoints its static URL.
 */
import { MsEdgeTTS } from 'msedge-tts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SpeechError } from '../../../src/gpu/errors.ts';
import { createSpeechStack, type SpeechStack } from '../../../src/gpu/stack.ts';
import { EdgeTts } from '../../../src/gpu/tts/edge.ts';
import { espeakSeconds, FakeEdgeTts, FakeSpeechServer } from '../../fakes/speech/index.ts';
import { play, speechConfig } from './helpers.ts';

const originalUrl = (MsEdgeTTS as unknown as { WSS_URL: string }).WSS_URL;
let edge: FakeEdgeTts;
let gpu: FakeSpeechServer;
let stack: SpeechStack | undefined;

beforeAll(async () => {
  edge = await new FakeEdgeTts().start();
  (MsEdgeTTS as unknown as { WSS_URL: string }).WSS_URL = edge.wssUrl;
});

afterAll(async () => {
  (MsEdgeTTS as unknown as { WSS_URL: string }).WSS_URL = originalUrl;
  await edge.stop();
});

beforeEach(async () => {
  edge.behaviour = 'ok';
  edge.requests.length = 0;
  gpu = await new FakeSpeechServer().start();
});

afterEach(async () => {
  stack?.stop();
  stack = undefined;
  await gpu.stop();
});

describe('Edge TTS (msedge-tts against a fake Edge endpoint)', () => {
  it('returns WebM/Opus that demuxes and decodes to speech of the expected length', async () => {
    const text = 'Could you walk me through your last project? Take your time & be specific <please>.';
    const r = await new EdgeTts().synthesize(text, { voice: 'calm' });
    expect(r).toMatchObject({ provider: 'edge-tts', format: 'webm-opus', sampleRate: 24_000 });
    expect(edge.requests).toHaveLength(1);
    const req = edge.requests[0]!;
    expect(req.voice).toBe('en-GB-RyanNeural');
    expect(req.outputFormat).toBe('webm-24khz-16bit-mono-opus');
    // Markup in the text reached the service as text, not as SSML.
    expect(req.text).toBe(text);
    expect(req.query.get('Sec-MS-GEC')).toMatch(/^[0-9A-F]{64}$/);
    expect(req.userAgent).toContain('Edg/');

    const p = await play(r.audio, 'webm');
    expect(Math.abs(p.seconds - (await espeakSeconds(text)))).toBeLessThan(0.1);
    expect(p.rms).toBeGreaterThan(0.01);
  });

  it('uses the default voice for an unknown preset', async () => {
    await new EdgeTts().synthesize('Hello.', { voice: 'whisper' });
    expect(edge.requests[0]!.voice).toBe('en-US-GuyNeural');
  });

  it('reports a socket closed mid-answer as a retryable server failure', async () => {
    edge.behaviour = 'close-early';
    const err = await new EdgeTts().synthesize('Hello.').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechError);
    expect((err as SpeechError).kind).toBe('server');
    expect((err as SpeechError).retryable).toBe(true);
  });

  it('reports a refused handshake (the service changed its token scheme) as a non-retryable auth failure', async () => {
    edge.behaviour = 'reject';
    const err = await new EdgeTts().synthesize('Hello.').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechError);
    expect((err as SpeechError)).toMatchObject({ kind: 'auth', status: 403, retryable: false });
  });
});

describe('falling back from the GPU server to Edge TTS', () => {
  function build(env: Record<string, string> = {}): SpeechStack {
    stack = createSpeechStack({ config: speechConfig({ GPU_SERVER_URL: gpu.url, EDGE_TTS_ENABLED: 'true', TTS_TIMEOUT_MS: '2000', ...env }), backoffMs: 10 });
    return stack;
  }

  it('answers from Edge, in the same preset voice, when the GPU server returns 500', async () => {
    const s = build();
    gpu.script('speech', { status: 500 }, { status: 500 });
    const r = await s.tts.synthesize('Let us talk about teamwork.', { voice: 'friendly' });
    expect(r).toMatchObject({ provider: 'edge-tts', fallbackFrom: 'gpu-xtts', format: 'webm-opus' });
    expect(gpu.hits.speech).toBe(2);
    expect(edge.requests[0]!.voice).toBe('en-US-JennyNeural');
    expect((await play(r.audio, 'webm')).seconds).toBeGreaterThan(0.5);
  });

  it('answers from Edge when the GPU server stalls past the timeout', async () => {
    const s = build({ TTS_TIMEOUT_MS: '400' });
    gpu.script('speech', { hang: true }, { hang: true });
    const started = Date.now();
    const r = await s.tts.synthesize('Next question.');
    expect(r).toMatchObject({ provider: 'edge-tts', fallbackFrom: 'gpu-xtts' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('says so in the mode once the GPU server is seen down', async () => {
    const s = build();
    expect(s.mode()).toEqual({ voice: 'gpu', stt: 'gpu-whisper', tts: 'gpu-xtts' });
    gpu.health = 'error';
    await s.health.check();
    expect(s.mode()).toEqual({ voice: 'edge-tts', stt: null, tts: 'edge-tts' });
    const r = await s.tts.synthesize('Still here.');
    expect(r).toMatchObject({ provider: 'edge-tts', fallbackFrom: 'gpu-xtts' });
    expect(gpu.hits.speech).toBe(0);
  });
});
