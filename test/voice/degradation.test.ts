/**
 * Speech failing under a live voice interview, through the real speech stack: the OpenAI
 * client against the fake GPU speech server, the real health probe and fallback chain.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { decodeWav } from '../../src/audio/wav.ts';
import type { ChainMember } from '../../src/resilience/fallback-chain.ts';
import { GpuHealth } from '../../src/gpu/health.ts';
import { createSpeechStack, type SpeechStack } from '../../src/gpu/stack.ts';
import type { SpeechToText } from '../../src/gpu/stt/types.ts';
import type { TextToSpeech } from '../../src/gpu/tts/types.ts';
import { FakeSpeechServer } from '../fakes/speech/index.ts';
import { buildTimeline, speak, type SpokenClip } from '../audio/speech-fixtures.ts';
import { ScriptedStt, ToneTts } from './helpers/fake-speech.ts';
import { CANDIDATE, voiceHarness, type Harness } from './helpers/harness.ts';

let a1: SpokenClip;
let a2: SpokenClip;
let a3: SpokenClip;
beforeAll(async () => {
  const clips = await Promise.all([speak('I rebuilt the deployment pipeline.'), speak('It now takes ten minutes instead of an hour.'), speak('The team ships every day.')]);
  [a1, a2, a3] = [clips[0]!, clips[1]!, clips[2]!];
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function answer(h: Harness, clip: SpokenClip): Promise<void> {
  const tl = await buildTimeline([{ silenceMs: 300 }, { speech: clip }, { silenceMs: 1500 }]);
  await h.pushPackets(CANDIDATE, tl.packets);
}

async function gpuStack(gpu: FakeSpeechServer, members?: { stt?: ChainMember<SpeechToText>[]; tts?: ChainMember<TextToSpeech>[] }): Promise<SpeechStack> {
  const config = loadConfig({ LOG_LEVEL: 'silent', EDGE_TTS_ENABLED: 'false', GPU_SERVER_URL: gpu.url, STT_TIMEOUT_MS: '3000', TTS_TIMEOUT_MS: '3000' });
  const health = new GpuHealth({ url: gpu.url, intervalMs: 60_000, timeoutMs: 1000, confirmDelayMs: 10 });
  const stack = createSpeechStack({ config, health, backoffMs: 10, ...(members?.stt ? { sttProviders: members.stt } : {}), ...(members?.tts ? { ttsProviders: members.tts } : {}) });
  await health.check();
  return stack;
}

describe('voice interview when speech fails', () => {
  test('the GPU server going down is announced once, the interview continues in text, and voice returns with it', async () => {
    const gpu = await new FakeSpeechServer().start();
    cleanup.push(() => gpu.stop());
    const ears = await ScriptedStt.forClips([a1, a3]);
    gpu.transcript = (rec) => {
      const wav = decodeWav(rec.file.bytes);
      return ears.recognise(wav.samples, wav.sampleRate, rec.fields.prompt);
    };
    const stack = await gpuStack(gpu);
    expect(stack.mode().voice).toBe('gpu');
    const h = await voiceHarness(stack);
    cleanup.push(() => h.session.close());

    let replied = h.nextReply();
    await answer(h, a1);
    await replied;
    await waitFor(() => h.sink.plays.length === 1 && h.sink.plays[0]!.endedAt !== null);
    // XTTS's Ogg/Opus came back through the real client and was played as packets.
    expect(h.sink.plays[0]!.packets).toBeGreaterThan(20);
    expect(gpu.transcriptions).toHaveLength(1);

    gpu.health = 'error';
    await stack.health.check();
    expect(stack.mode().voice).toBe('text-only');
    await answer(h, a2);
    await h.settle();
    // Nothing could transcribe it, so nothing was sent anywhere and no answer was made up.
    expect(gpu.transcriptions).toHaveLength(1);
    expect(h.answers).toEqual([a1.text]);
    // The candidate types in the thread instead; the surface asks for the next question to be spoken: it cannot be.
    const spoken = await h.session.speak(['Thanks. Next question: how do you handle code review?']);
    expect(spoken.outcome).toBe('dropped');
    expect(h.sink.plays).toHaveLength(1);
    await stack.health.check();
    await answer(h, a2);
    await h.settle();

    gpu.health = 'ok';
    await stack.health.check();
    replied = h.nextReply();
    await answer(h, a3);
    await replied;
    expect(h.answers).toEqual([a1.text, a3.text]);

    const notices = h.transcript.filter((e) => e.kind === 'notice');
    expect(notices.map((n) => n.kind === 'notice' && n.code)).toEqual(['text-only', 'voice-restored']);
    expect(notices[0]!.text).toMatch(/type your answers/);
  });

  test('with fallbacks configured, answers keep flowing through them and the switch is announced once', async () => {
    const gpu = await new FakeSpeechServer().start();
    cleanup.push(() => gpu.stop());
    const ears = await ScriptedStt.forClips([a1, a2, a3]);
    const cloud: SpeechToText = { name: 'openai-whisper', accepts: () => false, transcribe: (...args) => ears.transcribe(...args) };
    const xtts = new ToneTts('gpu-xtts');
    const edge = new ToneTts('edge-tts');
    const stack = await gpuStack(gpu, {
      stt: [
        { name: 'gpu-whisper', gpu: true, timeoutMs: 2000, provider: ears },
        { name: 'openai-whisper', gpu: false, timeoutMs: 2000, provider: cloud },
      ],
      tts: [
        { name: 'gpu-xtts', gpu: true, timeoutMs: 2000, provider: xtts },
        { name: 'edge-tts', gpu: false, timeoutMs: 2000, provider: edge },
      ],
    });
    const h = await voiceHarness(stack);
    cleanup.push(() => h.session.close());
    let replied = h.nextReply();
    await answer(h, a1);
    await replied;

    gpu.health = 'error';
    await stack.health.check();
    for (const clip of [a2, a3]) {
      replied = h.nextReply();
      await answer(h, clip);
      await replied;
    }
    await waitFor(() => h.sink.plays.length === 3 && h.sink.plays[2]!.endedAt !== null);
    expect(h.answers).toEqual([a1.text, a2.text, a3.text]);
    expect(edge.requests.length).toBeGreaterThan(0);
    const notices = h.transcript.filter((e) => e.kind === 'notice');
    expect(notices.map((n) => n.kind === 'notice' && n.code)).toEqual(['speech-fallback']);
    expect(h.sink.plays.every((p) => p.packets > 0)).toBe(true);
  });
});

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
