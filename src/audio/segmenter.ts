/**
 * End-of-turn segmenter. Frames of 16 kHz mono audio arrive with their speech
 * probability; it decides when a speaker starts and finishes a turn and hands back
 * the turn's audio. Synchronous and callback-free: push() returns the events that the
 * frame caused, so tests and pipelines drive it directly.
 *
 * Times are milliseconds of audio since the first frame (not wall time), so the
 * latency a setting adds can be read straight off the events.
 */
import { concatFloat32 } from './pcm.ts';
import { VAD_SAMPLE_RATE } from './vad/types.ts';

export interface SegmenterOptions {
  sampleRate?: number;
  /** Probability at or above which a frame starts speech. */
  activationThreshold?: number;
  /** Once speaking, frames at or above this still count as speech (hysteresis). */
  deactivationThreshold?: number;
  /** Speech shorter than this (clicks, bumps) never opens a turn. */
  minSpeechMs?: number;
  /** Silence that ends a turn; counted in whole VAD frames, rounded to the nearest. */
  silenceMs?: number;
  /** The detector's hangover (VoiceActivityDetector.hangoverMs), taken off the silence window. */
  detectorHangoverMs?: number;
  /** Audio kept from before speech was detected, so the first syllable is not clipped. */
  prePaddingMs?: number;
  /** Audio kept after the last speech frame; the rest of the silence window is dropped. */
  postPaddingMs?: number;
  /** Longest piece handed out; longer speech is split into pieces marked continued. */
  maxTurnMs?: number;
  /** How far back from the limit a split looks for the least speech-like frame. */
  splitSearchMs?: number;
}

export interface Utterance {
  /** 16 kHz mono (at sampleRate), including padding. */
  audio: Float32Array;
  sampleRate: number;
  /** Turn number from 0; pieces of one split turn share it. */
  turn: number;
  /** True when this piece carries on from the previous one (split at maxTurnMs). */
  continued: boolean;
  /** 'max-length': the next piece continues this turn; 'flush': the stream ended mid-turn. */
  endReason: 'silence' | 'max-length' | 'flush';
  /** Stream time of the first and after the last sample of `audio`. */
  startMs: number;
  endMs: number;
  /** Stream time where speech began (piece start for continued pieces) and where it last was heard. */
  speechStartMs: number;
  speechEndMs: number;
  /** Audio in the piece that the detector judged speech (at or above the activation threshold), ms. */
  voicedMs: number;
}

export type SegmentEvent =
  | { type: 'speech-start'; turn: number; speechStartMs: number; detectedAtMs: number }
  | { type: 'speech-end'; utterance: Utterance; detectedAtMs: number };

interface Frame {
  samples: Float32Array;
  start: number;
  p: number;
}

type State = 'idle' | 'pending' | 'speaking';

export class TurnSegmenter {
  readonly sampleRate: number;
  private readonly act: number;
  private readonly deact: number;
  private readonly minSpeech: number;
  private readonly silence: number;
  private readonly prePad: number;
  private readonly postPad: number;
  private readonly maxTurn: number;
  private readonly splitSearch: number;

  private state: State = 'idle';
  private clock = 0;
  private turn = 0;
  /** Recent audio while idle, for pre-speech padding. */
  private preroll: Frame[] = [];
  /** Frames of the candidate (pending) or current (speaking) piece. */
  private frames: Frame[] = [];
  private pieceStart = 0;
  private speechStart = 0;
  private speechSamples = 0;
  private lastSpeechEnd = 0;
  private silenceRun = 0;
  private continued = false;

  constructor(options: SegmenterOptions = {}) {
    this.sampleRate = options.sampleRate ?? VAD_SAMPLE_RATE;
    const ms = (v: number) => Math.round((v * this.sampleRate) / 1000);
    this.act = options.activationThreshold ?? 0.5;
    this.deact = options.deactivationThreshold ?? 0.35;
    if (this.deact > this.act) throw new RangeError('deactivationThreshold must not exceed activationThreshold');
    this.minSpeech = ms(options.minSpeechMs ?? 100);
    this.silence = Math.max(1, ms((options.silenceMs ?? 550) - (options.detectorHangoverMs ?? 0)));
    this.prePad = ms(options.prePaddingMs ?? 400);
    this.postPad = ms(options.postPaddingMs ?? 200);
    this.maxTurn = ms(options.maxTurnMs ?? 30_000);
    this.splitSearch = ms(options.splitSearchMs ?? 1_000);
    if (this.maxTurn <= this.prePad + this.minSpeech) throw new RangeError('maxTurnMs is too short for the padding');
  }

  /** Audio time consumed so far, in ms. */
  get nowMs(): number {
    return this.toMs(this.clock);
  }

  get speaking(): boolean {
    return this.state === 'speaking';
  }

  /** Feeds one frame (any length) with its speech probability. */
  push(samples: Float32Array, probability: number): SegmentEvent[] {
    const frame: Frame = { samples, start: this.clock, p: probability };
    this.clock += samples.length;
    const events: SegmentEvent[] = [];
    switch (this.state) {
      case 'idle':
        if (probability >= this.act) {
          this.state = 'pending';
          this.frames = [frame];
          this.speechStart = frame.start;
          this.speechSamples = samples.length;
          this.lastSpeechEnd = this.clock;
          this.maybeConfirm(events);
        } else {
          this.addPreroll([frame]);
        }
        break;
      case 'pending':
        this.frames.push(frame);
        if (probability >= this.deact) {
          this.speechSamples += samples.length;
          this.lastSpeechEnd = this.clock;
          this.maybeConfirm(events);
        } else {
          // Too short to be speech: it becomes padding history, nothing is reported.
          this.addPreroll(this.frames);
          this.frames = [];
          this.state = 'idle';
        }
        break;
      case 'speaking':
        this.frames.push(frame);
        if (probability >= this.deact) {
          this.silenceRun = 0;
          this.lastSpeechEnd = this.clock;
        } else {
          this.silenceRun += samples.length;
        }
        // Rounding to the nearest frame (not up) keeps the delay centred on the setting.
        if (this.silenceRun >= this.silence - samples.length / 2) events.push(this.finish('silence'));
        else if (this.clock - this.pieceStart >= this.maxTurn) events.push(this.split());
        break;
    }
    return events;
  }

  /** Ends the stream: a turn in progress is handed out with endReason 'flush'. */
  flush(): SegmentEvent[] {
    const events: SegmentEvent[] = [];
    if (this.state === 'speaking') events.push(this.finish('flush'));
    this.reset();
    return events;
  }

  /** Forgets buffered audio and restarts the clock at 0; turn numbers keep counting. */
  reset(): void {
    this.state = 'idle';
    this.clock = 0;
    this.preroll = [];
    this.frames = [];
    this.silenceRun = 0;
    this.continued = false;
  }

  private maybeConfirm(events: SegmentEvent[]): void {
    if (this.speechSamples < this.minSpeech) return;
    this.state = 'speaking';
    this.silenceRun = 0;
    this.continued = false;
    const pad = takeTail(this.preroll, this.prePad);
    this.preroll = [];
    this.frames = [...pad, ...this.frames];
    this.pieceStart = this.frames[0]!.start;
    events.push({ type: 'speech-start', turn: this.turn, speechStartMs: this.toMs(this.speechStart), detectedAtMs: this.toMs(this.clock) });
  }

  private finish(reason: 'silence' | 'flush'): SegmentEvent {
    const cut = Math.min(this.clock, this.lastSpeechEnd + this.postPad);
    const { head, tail } = splitFrames(this.frames, cut);
    const utterance = this.utterance(head, cut, reason);
    this.state = 'idle';
    this.frames = [];
    this.addPreroll(tail);
    this.turn++;
    this.continued = false;
    return { type: 'speech-end', utterance, detectedAtMs: this.toMs(this.clock) };
  }

  /** Cuts a too-long piece at the least speech-like frame near the limit. */
  private split(): SegmentEvent {
    const limit = this.pieceStart + this.maxTurn;
    let cut = limit;
    let best = Infinity;
    for (let i = this.frames.length - 1; i > 0; i--) {
      const f = this.frames[i]!;
      const end = f.start + f.samples.length;
      if (end > limit) continue;
      if (limit - f.start > this.splitSearch) break;
      if (f.p < best) {
        best = f.p;
        cut = end;
      }
    }
    const { head, tail } = splitFrames(this.frames, cut);
    const utterance = this.utterance(head, cut, 'max-length');
    this.frames = tail;
    this.pieceStart = cut;
    this.speechStart = cut;
    this.continued = true;
    return { type: 'speech-end', utterance, detectedAtMs: this.toMs(this.clock) };
  }

  private utterance(frames: Frame[], end: number, endReason: Utterance['endReason']): Utterance {
    let voiced = 0;
    for (const f of frames) if (f.p >= this.act) voiced += f.samples.length;
    return {
      voicedMs: this.toMs(voiced),
      audio: concatFloat32(frames.map((f) => f.samples)),
      sampleRate: this.sampleRate,
      turn: this.turn,
      continued: this.continued,
      endReason,
      startMs: this.toMs(this.pieceStart),
      endMs: this.toMs(end),
      speechStartMs: this.toMs(this.speechStart),
      speechEndMs: this.toMs(Math.min(this.lastSpeechEnd, end)),
    };
  }

  private addPreroll(frames: Frame[]): void {
    this.preroll.push(...frames);
    let total = 0;
    for (const f of this.preroll) total += f.samples.length;
    while (this.preroll.length > 1 && total - this.preroll[0]!.samples.length >= this.prePad) {
      total -= this.preroll.shift()!.samples.length;
    }
  }

  private toMs(samples: number): number {
    return (samples * 1000) / this.sampleRate;
  }
}

/** The last `samples` samples of contiguous frames, trimming the first frame if needed. */
function takeTail(frames: Frame[], samples: number): Frame[] {
  let total = 0;
  for (const f of frames) total += f.samples.length;
  const skip = Math.max(0, total - samples);
  const end = frames.length ? frames[frames.length - 1]!.start + frames[frames.length - 1]!.samples.length : 0;
  return splitFrames(frames, end - total + skip).tail;
}

/** Splits contiguous frames at absolute sample position `at`. */
function splitFrames(frames: Frame[], at: number): { head: Frame[]; tail: Frame[] } {
  const head: Frame[] = [];
  const tail: Frame[] = [];
  for (const f of frames) {
    const end = f.start + f.samples.length;
    if (end <= at) head.push(f);
    else if (f.start >= at) tail.push(f);
    else {
      const k = at - f.start;
      head.push({ samples: f.samples.subarray(0, k), start: f.start, p: f.p });
      tail.push({ samples: f.samples.subarray(k), start: at, p: f.p });
    }
  }
  return { head, tail };
}
