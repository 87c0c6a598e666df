/**
 * Turn-taking through the real pipeline (Opus packets, Silero, segmenter, listener,
 * transcriber), with espeak-ng speech: patient while the candidate thinks mid-sentence,
 * quick once a thought is finished; listening noises over Alex do not stop Alex, real
 * words do; silence, noise and made-up text never become answers.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Reply } from '../../src/engine/types.ts';
import { AnswerTranscriber } from '../../src/voice/answer-transcriber.ts';
import { buildTimeline, noise, speak, type SpokenClip } from '../audio/speech-fixtures.ts';
import { CountingStt, RecordingSink, ScriptedStt, ToneTts } from './helpers/fake-speech.ts';
import { CANDIDATE, voiceHarness, type Harness } from './helpers/harness.ts';

let clips: Record<'done' | 'hanging' | 'rest' | 'mmhmm' | 'yeahOk' | 'stop' | 'a2', SpokenClip>;

beforeAll(async () => {
  const [done, hanging, rest, mmhmm, yeahOk, stop, a2] = await Promise.all([
    speak('I led the migration of our billing service to a new database'),
    speak('and then I'),
    speak('rewrote the retry logic in the payment worker'),
    speak('mm hmm'),
    speak('okay'),
    speak('wait I think you misunderstood my point'),
    speak('It took about three months'),
  ]);
  clips = { done: done!, hanging: hanging!, rest: rest!, mmhmm: mmhmm!, yeahOk: yeahOk!, stop: stop!, a2: a2! };
});

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.session.close();
});

async function harness(...args: Parameters<typeof voiceHarness>): Promise<Harness> {
  const h = await voiceHarness(...args);
  open.push(h);
  return h;
}

/** The clip as the transcriber writes it (Whisper punctuates). */
const heard = (c: SpokenClip, text: string): SpokenClip => ({ ...c, text });

/** Feeds packets, then silence 20 ms at a time until an answer is taken; returns ms of silence it took. */
async function silenceUntilAnswer(h: Harness, maxMs: number): Promise<number> {
  const before = h.answers.length;
  for (let ms = 0; ms <= maxMs; ms += 20) {
    if (h.answers.length > before) return ms;
    await h.session.pushSilence(20);
    await h.settle();
  }
  return Infinity;
}

function longReply(h: Harness, sentences: number): Reply {
  const messages = [Array.from({ length: sentences }, (_, i) => `This is sentence number ${i + 1} of a long reply from the interviewer.`).join(' ')];
  return { ...h.start, messages, refused: undefined } as unknown as Reply;
}

describe('adaptive end of turn', () => {
  test('a finished thought is taken after a short silence; the old fixed rule waits over a second', async () => {
    const stt = await ScriptedStt.forClips([heard(clips.done, `${clips.done.text}.`)]);
    const h = await harness({ stt, tts: new ToneTts() });
    const tl = await buildTimeline([{ silenceMs: 300 }, { speech: clips.done }]);
    await h.pushPackets(CANDIDATE, tl.packets);
    const waited = await silenceUntilAnswer(h, 4000);
    expect(h.answers).toEqual([`${clips.done.text}.`]);
    expect(waited).toBeLessThanOrEqual(800);

    const stt2 = await ScriptedStt.forClips([heard(clips.done, `${clips.done.text}.`)]);
    const fixed = await harness({ stt: stt2, tts: new ToneTts() }, { endSilenceMs: 1200 });
    await fixed.pushPackets(CANDIDATE, tl.packets);
    expect(await silenceUntilAnswer(fixed, 4000)).toBeGreaterThanOrEqual(1150);
  });

  test('a sentence left hanging ("and then I...") waits through a 2.5 s pause and becomes one answer', async () => {
    const stt = await ScriptedStt.forClips([heard(clips.done, `${clips.done.text}.`), heard(clips.hanging, 'And then I...'), heard(clips.rest, `${clips.rest.text}.`)]);
    const h = await harness({ stt, tts: new ToneTts() });
    const tl = await buildTimeline([{ silenceMs: 300 }, { speech: clips.done }, { silenceMs: 400 }, { speech: clips.hanging }, { silenceMs: 2500 }, { speech: clips.rest }]);
    await h.pushPackets(CANDIDATE, tl.packets);
    expect(h.answers).toEqual([]);
    const waited = await silenceUntilAnswer(h, 4000);
    expect(h.answers).toEqual([`${clips.done.text}. And then I... ${clips.rest.text}.`]);
    expect(waited).toBeLessThanOrEqual(800);
  });

  test('a filler alone is not an answer yet, and the longest wait still ends the turn', async () => {
    const stt = await ScriptedStt.forClips([heard(clips.mmhmm, 'Um...')]);
    const h = await harness({ stt, tts: new ToneTts() }, { endOfTurn: { mode: 'adaptive', incompleteMs: 2500 } });
    const tl = await buildTimeline([{ silenceMs: 300 }, { speech: clips.mmhmm }]);
    await h.pushPackets(CANDIDATE, tl.packets);
    const waited = await silenceUntilAnswer(h, 5000);
    expect(waited).toBeGreaterThanOrEqual(2200);
    expect(waited).toBeLessThanOrEqual(2800);
  });
});

describe('no phantom answers', () => {
  test('silence, a noise burst and a "Thank you for watching" piece never become answers or engine turns', async () => {
    const stt = await ScriptedStt.forClips([heard(clips.a2, 'Thank you for watching.')]);
    const h = await harness({ stt, tts: new ToneTts() });
    const noisy = await buildTimeline([{ silenceMs: 3000 }]);
    await h.pushPackets(CANDIDATE, noisy.packets);
    // A burst of loud hiss (a bumped microphone), then speech that the transcriber turns into a made-up phrase.
    const hiss = noise(48_000 / 2, 0.2, 9);
    const burst = await buildTimeline([{ speech: { text: 'hiss', sampleRate: 48_000, samples: hiss, durationMs: 500, voicedStartMs: 0, voicedEndMs: 500 } }, { silenceMs: 1000 }, { speech: clips.a2 }, { silenceMs: 4000 }]);
    await h.pushPackets(CANDIDATE, burst.packets);
    await h.silence(1000);
    await h.settle();
    expect(h.answers).toEqual([]);
    expect(h.transcript.filter((e) => e.kind === 'candidate')).toEqual([]);
    expect((await h.engine.getById(h.sessionId))!.answers.flatMap((a) => a.parts)).toEqual([]);
  });

  test('a piece with too little speech or near-silent audio is never sent to speech-to-text', async () => {
    const stt = new CountingStt();
    const t = new AnswerTranscriber(stt, { minVoicedMs: 200 });
    const piece = (amp: number, voicedMs: number) => {
      const audio = new Float32Array(16_000);
      for (let i = 0; i < audio.length; i++) audio[i] = amp * Math.sin(i / 5);
      return { audio, sampleRate: 16_000, turn: 0, continued: false, endReason: 'silence' as const, startMs: 0, endMs: 1000, speechStartMs: 0, speechEndMs: 1000, voicedMs };
    };
    t.add(piece(0.3, 60));
    t.add(piece(0.001, 900));
    t.add(piece(0.3, 900));
    const r = await t.finish();
    expect(stt.prompts).toHaveLength(1);
    expect(r).toMatchObject({ text: 'part 1.', pieces: 3, skipped: 2 });
  });
});

describe('backchannels while Alex speaks', () => {
  async function speakingHarness(spoken: SpokenClip[]): Promise<{ h: Harness; sink: RecordingSink }> {
    const stt = await ScriptedStt.forClips([heard(clips.a2, 'It took about three months.'), ...spoken]);
    const sink = new RecordingSink(20);
    let h!: Harness;
    let n = 0;
    h = await harness({ stt, tts: new ToneTts() }, { sink, replyOverride: () => (n++ === 0 ? longReply(h, 5) : null) });
    const first = await buildTimeline([{ silenceMs: 300 }, { speech: clips.a2 }, { silenceMs: 1500 }]);
    const playing = sink.nextFirstPacket();
    await h.pushPackets(CANDIDATE, first.packets);
    await playing;
    expect(h.session.speaking).toBe(true);
    return { h, sink };
  }

  test('"mm-hmm" and "okay" over Alex do not stop Alex and are not answers', async () => {
    const { h, sink } = await speakingHarness([heard(clips.mmhmm, 'Mm-hmm.'), heard(clips.yeahOk, 'Okay.')]);
    for (const c of [clips.mmhmm, clips.yeahOk]) {
      const tl = await buildTimeline([{ silenceMs: 200 }, { speech: c }, { silenceMs: 1500 }]);
      await h.pushPackets(CANDIDATE, tl.packets);
      await new Promise((r) => setTimeout(r, 100));
    }
    await h.settle();
    expect(sink.plays[0]!.stopped).toBe(false);
    expect(sink.stops).toBe(0);
    expect(h.session.stats.bargeIns).toBe(0);
    expect(h.answers).toEqual(['It took about three months.']);
    expect(h.session.stats.dropped).toBe(2);
  });

  test('real words over Alex stop Alex, and they are the next answer', async () => {
    const { h, sink } = await speakingHarness([heard(clips.stop, 'Wait, I think you misunderstood my point.')]);
    const tl = await buildTimeline([{ silenceMs: 200 }, { speech: clips.stop }, { silenceMs: 1500 }]);
    const next = h.nextReply();
    await h.pushPackets(CANDIDATE, tl.packets);
    await next;
    expect(sink.plays[0]!.stopped).toBe(true);
    expect(h.session.stats.bargeIns).toBe(1);
    expect(h.answers).toEqual(['It took about three months.', 'Wait, I think you misunderstood my point.']);
  });
});
