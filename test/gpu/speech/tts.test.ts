import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoSpeechProvider } from '../../../src/gpu/errors.ts';
import { createSpeechStack, type SpeechStack } from '../../../src/gpu/stack.ts';
import { OpenAISpeechTts } from '../../../src/gpu/tts/openai-speech.ts';
import { synthesizeSentences } from '../../../src/gpu/tts/stream.ts';
import { espeakSeconds, FakeSpeechServer } from '../../fakes/speech/index.ts';
import { play, speechConfig } from './helpers.ts';

let gpu: FakeSpeechServer;
let stack: SpeechStack | undefined;

beforeEach(async () => {
  gpu = await new FakeSpeechServer().start();
});

afterEach(async () => {
  stack?.stop();
  stack = undefined;
  await gpu.stop();
});

function build(env: Record<string, string> = {}): SpeechStack {
  stack = createSpeechStack({ config: speechConfig({ GPU_SERVER_URL: gpu.url, TTS_TIMEOUT_MS: '3000', ...env }), backoffMs: 10 });
  return stack;
}

describe('text-to-speech on the GPU server (XTTS via the OpenAI speech API)', () => {
  it('returns Ogg/Opus that demuxes and decodes to speech of the expected length', async () => {
    const s = build();
    const text = 'Welcome to your mock interview. Let us begin.';
    const r = await s.tts.synthesize(text, { voice: 'professional' });
    expect(r).toMatchObject({ provider: 'gpu-xtts', format: 'ogg-opus' });
    expect(r.fallbackFrom).toBeUndefined();
    expect(gpu.speechRequests[0]!.body).toEqual({ model: 'tts-1-hd', voice: 'onyx', input: text, response_format: 'opus' });

    const p = await play(r.audio, 'ogg');
    const expected = await espeakSeconds(text);
    expect(p.packets).toBeGreaterThan(50);
    expect(Math.abs(p.seconds - expected)).toBeLessThan(0.1);
    expect(p.rms).toBeGreaterThan(0.01); // speech, not silence
  });

  it('maps each preset to its XTTS voice and falls back to the default for unknown names', async () => {
    const s = build();
    await s.tts.synthesize('One.', { voice: 'friendly' });
    await s.tts.synthesize('Two.', { voice: 'calm' });
    await s.tts.synthesize('Three.', { voice: 'no-such-voice' });
    expect(gpu.speechRequests.map((r) => r.body.voice)).toEqual(['nova', 'fable', 'onyx']);
  });

  it('can ask for WAV instead, and reports its sample rate', async () => {
    const tts = new OpenAISpeechTts({ name: 'gpu-xtts', baseURL: `${gpu.url}/v1`, model: 'tts-1-hd', responseFormat: 'wav' });
    const r = await tts.synthesize('Thank you.');
    expect(r.format).toBe('wav');
    expect(r.sampleRate).toBe(22_050);
    expect(r.audio.toString('latin1', 0, 4)).toBe('RIFF');
  });

  it('with no fallback voice configured, a failing GPU means no speech at all', async () => {
    const s = build();
    gpu.script('speech', { status: 500 }, { status: 500 });
    const err = await s.tts.synthesize('Hello.').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoSpeechProvider);
    expect((err as NoSpeechProvider).tried).toEqual(['gpu-xtts']);
    expect(gpu.hits.speech).toBe(2);
  });
});

describe('sentence-by-sentence synthesis', () => {
  it('yields the first sentence while later ones are still being made, in reading order', async () => {
    const s = build();
    const text = 'First, a short one. The second sentence takes the server much longer to make. And a third to finish.';
    // The first sentence is fast; the others take 700 ms each on the server.
    gpu.speechDelayMs = (input) => (input.startsWith('First') ? 0 : 700);
    let inFlight = 0;
    let maxInFlight = 0;
    const requested: string[] = [];
    const tracked = {
      name: 'tracked',
      async synthesize(t: string, o?: { voice?: string }, sig?: AbortSignal) {
        requested.push(t);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await s.tts.synthesize(t, o, sig);
        } finally {
          inFlight--;
        }
      },
    };
    const started = Date.now();
    const got: { index: number; text: string; at: number; provider: string; count: number }[] = [];
    for await (const a of synthesizeSentences(tracked, text, { voice: 'calm', concurrency: 2 })) {
      got.push({ index: a.index, text: a.text, at: Date.now() - started, provider: a.provider, count: a.count });
      expect((await play(a.audio, 'ogg')).seconds).toBeGreaterThan(0.3);
    }
    expect(got.map((g) => g.index)).toEqual([0, 1, 2]);
    expect(got.map((g) => g.text)).toEqual(['First, a short one.', 'The second sentence takes the server much longer to make.', 'And a third to finish.']);
    expect(got[0]!.count).toBe(3);
    // Sentence 1 was available long before sentence 2 was finished.
    const secondFinished = gpu.speechRequests.find((r) => r.body.input === got[1]!.text)!.finishedAt! - started;
    expect(got[0]!.at).toBeLessThan(secondFinished - 400);
    // The first sentence was requested first, and no more than two were ever in flight.
    expect(requested).toEqual(got.map((g) => g.text));
    expect(gpu.speechRequests.map((r) => r.body.input).sort()).toEqual([...requested].sort());
    expect(maxInFlight).toBe(2);
    expect(gpu.speechRequests.every((r) => r.body.voice === 'fable')).toBe(true);
  });

  it('stops asking for more audio when the listener interrupts', async () => {
    const s = build();
    gpu.speechDelayMs = () => 100;
    const text = 'One. Two. Three. Four. Five. Six.';
    for await (const a of synthesizeSentences(s.tts, text, { concurrency: 2 })) {
      if (a.index === 1) break; // barge-in after the second sentence
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(gpu.speechRequests.length).toBeLessThanOrEqual(3);
  });

  it('surfaces a failure at the sentence that failed, after the ones before it', async () => {
    const s = build();
    const text = 'Good start. Then trouble. Never reached.';
    // Request 1 answers normally; both tries at sentence two get a 500 (no fallback is configured).
    gpu.script('speech', { delayMs: 0 }, { status: 500 }, { status: 500 });
    const seen: string[] = [];
    let failure: unknown;
    try {
      for await (const a of synthesizeSentences(s.tts, text, { concurrency: 1 })) seen.push(a.text);
    } catch (e) {
      failure = e;
    }
    expect(seen).toEqual(['Good start.']);
    expect(failure).toBeInstanceOf(NoSpeechProvider);
    expect(gpu.speechRequests.map((r) => r.body.input)).toEqual(['Good start.']);
  });
});
