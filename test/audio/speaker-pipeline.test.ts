/**
 * The whole receive path on espeak-ng speech sent as Discord-style Opus packets:
 * decode -> 16 kHz mono -> VAD -> end-of-turn segmenter.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Utterance } from '../../src/audio/segmenter.ts';
import { SpeakerPipeline, utteranceToWav } from '../../src/audio/speaker-pipeline.ts';
import { decodeWav } from '../../src/audio/wav.ts';
import { buildTimeline, speak, type SpeechTimeline } from './speech-fixtures.ts';

const PRE_PAD = 400;
const POST_PAD = 200;

async function collect(pipeline: SpeakerPipeline, packets: Buffer[]): Promise<Utterance[]> {
  const out: Utterance[] = [];
  for await (const u of pipeline.utterances(packets)) out.push(u);
  await pipeline.close();
  return out;
}

let threeAnswers: SpeechTimeline;

beforeAll(async () => {
  const [a, b, c] = await Promise.all([
    speak('I led the migration of our billing service to a new database.'),
    speak('The hardest part was keeping both systems in sync.'),
    speak('We finished two weeks early.'),
  ]);
  threeAnswers = await buildTimeline([
    { silenceMs: 1000 }, { speech: a! }, { silenceMs: 1500 }, { speech: b! }, { silenceMs: 1500 }, { speech: c! }, { silenceMs: 1500 },
  ]);
});

function expectMatchesSpeech(us: Utterance[], timeline: SpeechTimeline): void {
  expect(us).toHaveLength(timeline.speech.length);
  us.forEach((u, i) => {
    const truth = timeline.speech[i]!;
    expect(u.endReason).toBe('silence');
    expect(u.continued).toBe(false);
    expect(Math.abs(u.speechStartMs - truth.startMs)).toBeLessThan(150);
    expect(Math.abs(u.speechEndMs - truth.endMs)).toBeLessThan(250);
    // Audio handed out = spoken part + padding on both sides.
    const audioMs = (u.audio.length / 16000) * 1000;
    expect(Math.abs(audioMs - (truth.endMs - truth.startMs + PRE_PAD + POST_PAD))).toBeLessThan(250);
    expect(u.startMs).toBeLessThanOrEqual(truth.startMs);
  });
}

describe('SpeakerPipeline', () => {
  test('Silero: three answers separated by 1.5 s silences give three utterances of the right length', async () => {
    const pipeline = await SpeakerPipeline.create({ vad: { prefer: 'silero' } });
    expect(pipeline.vad.name).toBe('silero');
    const us = await collect(pipeline, threeAnswers.packets);
    expectMatchesSpeech(us, threeAnswers);
  });

  test('energy detector: the same three answers are found', async () => {
    const pipeline = await SpeakerPipeline.create({ vad: { prefer: 'energy' } });
    expectMatchesSpeech(await collect(pipeline, threeAnswers.packets), threeAnswers);
  });

  test('a 300 ms pause stays inside the turn with the default 550 ms window, but splits it with 200 ms', async () => {
    const [a, b] = await Promise.all([speak('My first step was to measure where the time went'), speak('then I fixed the slowest query.')]);
    const tl = await buildTimeline([{ silenceMs: 800 }, { speech: a! }, { silenceMs: 300 }, { speech: b! }, { silenceMs: 1200 }]);
    const whole = await collect(await SpeakerPipeline.create(), tl.packets);
    expect(whole).toHaveLength(1);
    expect(Math.abs(whole[0]!.speechEndMs - tl.speech[1]!.endMs)).toBeLessThan(250);
    const split = await collect(await SpeakerPipeline.create({ segmenter: { silenceMs: 200 } }), tl.packets);
    // The 300 ms pause is a cut (a stop consonant's gap inside the first sentence may be another).
    expect(split.length).toBeGreaterThanOrEqual(2);
    const atPause = split.findIndex((u) => Math.abs(u.speechEndMs - tl.speech[0]!.endMs) < 250);
    expect(atPause).toBeGreaterThanOrEqual(0);
    expect(Math.abs(split[atPause + 1]!.speechStartMs - tl.speech[1]!.startMs)).toBeLessThan(150);
  });

  test('a long answer is split at maxTurnMs into continued pieces that cover all of it', async () => {
    const clip = await speak('In my last role I owned the search service end to end, from the indexing pipeline to the ranking model and the on-call rotation.');
    const tl = await buildTimeline([{ silenceMs: 600 }, { speech: clip }, { silenceMs: 1200 }]);
    const us = await collect(await SpeakerPipeline.create({ segmenter: { maxTurnMs: 2500 } }), tl.packets);
    const spokenMs = tl.speech[0]!.endMs - tl.speech[0]!.startMs;
    expect(spokenMs).toBeGreaterThan(5000);
    expect(us.length).toBeGreaterThanOrEqual(Math.ceil(spokenMs / 2500));
    expect(us.map((u) => u.continued)).toEqual(us.map((_, i) => i > 0));
    expect(us.at(-1)!.endReason).toBe('silence');
    for (const u of us) expect(u.endMs - u.startMs).toBeLessThanOrEqual(2500);
    for (let i = 1; i < us.length; i++) expect(us[i]!.startMs).toBe(us[i - 1]!.endMs);
    expect(us[0]!.startMs).toBeLessThan(tl.speech[0]!.startMs);
    expect(us.at(-1)!.speechEndMs).toBeGreaterThan(tl.speech[0]!.endMs - 250);
  });

  test('when the client stops sending packets, reported silence ends the turn', async () => {
    const clip = await speak('Yes, I can start next month.');
    const tl = await buildTimeline([{ silenceMs: 400 }, { speech: clip }, { silenceMs: 100 }]);
    const pipeline = await SpeakerPipeline.create();
    const types: string[] = [];
    for (const p of tl.packets) for (const e of await pipeline.push(p)) types.push(e.type);
    expect(types).toEqual(['speech-start']);
    // No packets arrive now (Discord's client stopped sending); the bot reports the gap.
    const later = await pipeline.pushSilence(700);
    expect(later.map((e) => e.type)).toEqual(['speech-end']);
    await pipeline.close();
  });

  test('an utterance becomes a 16 kHz mono WAV for STT', async () => {
    const pipeline = await SpeakerPipeline.create();
    const [u] = await collect(pipeline, threeAnswers.packets);
    const wav = decodeWav(utteranceToWav(u!));
    expect(wav.sampleRate).toBe(16000);
    expect(wav.channels).toBe(1);
    expect(wav.samples.length).toBe(u!.audio.length);
  });

  test('a pipeline refuses work after close()', async () => {
    const pipeline = await SpeakerPipeline.create({ vad: { prefer: 'energy' } });
    await pipeline.close();
    await expect(pipeline.push(threeAnswers.packets[0]!)).rejects.toThrow(/closed/);
  });
});
