/**
 * Segmenter rules on scripted probabilities: each frame is 512 samples (32 ms) and each
 * sample's value is its position in the stream, so the tests can tell exactly which
 * audio an utterance carries.
 */
import { describe, expect, test } from 'vitest';
import { TurnSegmenter, type SegmentEvent, type SegmenterOptions, type Utterance } from '../../src/audio/segmenter.ts';

const FRAME = 512;
const FRAME_MS = 32;

/** Runs a probability script; 'S' = 0.9, 'm' = 0.4 (between thresholds), '.' = 0.05. */
function run(script: string, options: SegmenterOptions = {}): SegmentEvent[] {
  const seg = new TurnSegmenter(options);
  const events: SegmentEvent[] = [];
  [...script].forEach((c, i) => {
    const p = c === 'S' ? 0.9 : c === 'm' ? 0.4 : 0.05;
    events.push(...seg.push(Float32Array.from({ length: FRAME }, (_, j) => i * FRAME + j), p));
  });
  events.push(...seg.flush());
  return events;
}

const ends = (events: SegmentEvent[]): Utterance[] =>
  events.flatMap((e) => (e.type === 'speech-end' ? [e.utterance] : []));

/** Stream positions of an utterance's samples. */
const positions = (u: Utterance): number[] => Array.from(u.audio);

const silence = (ms: number) => '.'.repeat(Math.round(ms / FRAME_MS));
const speech = (ms: number) => 'S'.repeat(Math.round(ms / FRAME_MS));

describe('TurnSegmenter', () => {
  test('one turn: start and end events with padding and timestamps', () => {
    const events = run(silence(1000) + speech(1000) + silence(1000));
    expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
    const start = events[0]!;
    if (start.type !== 'speech-start') throw new Error('order');
    expect(start.speechStartMs).toBe(31 * FRAME_MS);
    // Confirmed once 100 ms of speech was heard: 4 frames in.
    expect(start.detectedAtMs).toBe(35 * FRAME_MS);
    const u = ends(events)[0]!;
    expect(u.speechStartMs).toBe(31 * FRAME_MS);
    expect(u.speechEndMs).toBe(62 * FRAME_MS);
    expect(u.startMs).toBeCloseTo(31 * FRAME_MS - 400, 6);
    expect(u.endMs).toBeCloseTo(62 * FRAME_MS + 200, 6);
    expect(u.audio.length).toBe(((u.endMs - u.startMs) * 16000) / 1000);
    expect(u).toMatchObject({ continued: false, endReason: 'silence', turn: 0 });
    // The turn ends after the 550 ms window, rounded to whole 32 ms frames (17 = 544 ms).
    const end = events[1]!;
    if (end.type !== 'speech-end') throw new Error('order');
    expect(end.detectedAtMs - u.speechEndMs).toBe(17 * FRAME_MS);
  });

  test("a detector's hangover is taken off the silence window", () => {
    const script = silence(500) + speech(500) + silence(1000);
    const plain = run(script).find((e) => e.type === 'speech-end')!;
    const credited = run(script, { detectorHangoverMs: 64 }).find((e) => e.type === 'speech-end')!;
    expect(plain.detectedAtMs - credited.detectedAtMs).toBe(2 * FRAME_MS);
  });

  test('clicks shorter than the minimum speech duration never open a turn', () => {
    expect(run(silence(500) + 'SS' + silence(500) + 'S.S' + silence(500))).toEqual([]);
    expect(ends(run(silence(500) + 'SSSS' + silence(800)))).toHaveLength(1);
  });

  test('hysteresis: probabilities between the thresholds keep a turn open but do not open one', () => {
    expect(run(silence(300) + 'm'.repeat(60) + silence(300))).toEqual([]);
    const us = ends(run(silence(300) + speech(300) + 'm'.repeat(40) + speech(300) + silence(800)));
    expect(us).toHaveLength(1);
  });

  test('a pause shorter than the silence window stays inside the turn; a longer one splits it', () => {
    const script = silence(500) + speech(800) + silence(300) + speech(800) + silence(900);
    expect(ends(run(script))).toHaveLength(1);
    expect(ends(run(script, { silenceMs: 200 }))).toHaveLength(2);
  });

  test('pre-speech padding never overlaps the previous utterance', () => {
    const us = ends(run(silence(500) + speech(500) + silence(600) + speech(500) + silence(800)));
    expect(us).toHaveLength(2);
    expect(us[1]!.startMs).toBeGreaterThanOrEqual(us[0]!.endMs);
    const first = new Set(positions(us[0]!));
    expect(positions(us[1]!).filter((i) => first.has(i))).toEqual([]);
  });

  test('speech longer than maxTurnMs is split into pieces marked continued, cut at the quietest frame', () => {
    // 10 s of speech with a weak frame every 2 s.
    let talk = '';
    for (let i = 0; i < 5; i++) talk += speech(1984) + 'm';
    const us = ends(run(silence(500) + talk + silence(1000), { maxTurnMs: 3000 }));
    expect(us.length).toBeGreaterThanOrEqual(4);
    expect(us.map((u) => u.continued)).toEqual([false, ...us.slice(1).map(() => true)]);
    expect(us.slice(0, -1).every((u) => u.endReason === 'max-length')).toBe(true);
    expect(us.at(-1)!.endReason).toBe('silence');
    expect(new Set(us.map((u) => u.turn)).size).toBe(1);
    for (const u of us) expect(u.endMs - u.startMs).toBeLessThanOrEqual(3000);
    // Pieces are contiguous: nothing lost or repeated at the cuts.
    for (let i = 1; i < us.length; i++) {
      expect(us[i]!.startMs).toBe(us[i - 1]!.endMs);
      expect(us[i]!.audio[0]).toBe(us[i - 1]!.audio.at(-1)! + 1);
    }
    // The first cut lands just after the weak frame, not at an arbitrary point.
    const weakFrame = Math.round(500 / FRAME_MS) + 62;
    expect(us[0]!.endMs).toBe((weakFrame + 1) * FRAME_MS);
  });

  test('a stream ending mid-turn hands out the turn with endReason flush', () => {
    const us = ends(run(silence(300) + speech(700)));
    expect(us).toHaveLength(1);
    expect(us[0]!.endReason).toBe('flush');
  });

  test('rejects inconsistent settings', () => {
    expect(() => new TurnSegmenter({ activationThreshold: 0.3, deactivationThreshold: 0.5 })).toThrow(RangeError);
    expect(() => new TurnSegmenter({ maxTurnMs: 200 })).toThrow(RangeError);
  });
});
