/**
 * Listens to one candidate and decides when they have finished answering.
 *
 * Two silence lengths are in play. The segmenter cuts the answer into pieces at short
 * pauses (pieceSilenceMs, and at maxPieceMs for long monologues), so each piece can be
 * transcribed while the candidate is still thinking; the turn only ends after the longer
 * endSilenceMs with no speech, so a 600-800 ms thinking pause stays inside one answer.
 * By the time the turn ends, most of it is usually transcribed already.
 *
 * All times are milliseconds of audio fed in (packets plus reported silence), so the
 * behaviour is the same whether packets arrive in real time or, in tests, all at once.
 */
import type { Logger } from 'pino';
import type { SegmentEvent, Utterance } from '../audio/segmenter.ts';
import { SpeakerPipeline } from '../audio/speaker-pipeline.ts';
import { createVad, type CreateVadOptions } from '../audio/vad/create.ts';
import { VAD_SAMPLE_RATE, type VoiceActivityDetector } from '../audio/vad/types.ts';

export interface ListenerOptions {
  /** Silence that ends the answer; with requiredSilenceMs, the shortest that may. */
  endSilenceMs: number;
  /**
   * Asked once endSilenceMs of silence has passed, and on every tick after: the silence the
   * answer needs now (it can change as the last pieces are transcribed).
   */
  requiredSilenceMs?: () => number;
  /** Shorter pause at which a piece is cut and sent for transcription early. */
  pieceSilenceMs?: number;
  /** Longest piece (Whisper reads 30 s windows). */
  maxPieceMs?: number;
  /** A ready detector (closed by the caller), or how to create one. */
  vad?: VoiceActivityDetector | CreateVadOptions;
  logger?: Logger;
}

export interface ListenerEvents {
  speechStart(atMs: number): void;
  /** Speech began again inside an answer that was already open (after a pause). */
  speechResumed?(atMs: number): void;
  piece(utterance: Utterance): void;
  /** The answer is over: endSilenceMs passed with no speech. */
  turnEnd(info: { voicedMs: number; startedAtMs: number; endedAtMs: number }): void;
  /** After every chunk of audio: where the clock is and how much speech is going on right now. */
  tick(info: { nowMs: number; voicedRunMs: number; speaking: boolean }): void;
}

const SPEECH_P = 0.5;
/** Near-silent frames (~0.5 s) after which the detector's state is reset. */
const ZERO_RUN_RESET = 16;

/**
 * Quieter than about -56 dBFS: reported silence (exact zeros) or a quiet room between words.
 * No speech is that quiet, so the model need not look at it (it is most of the CPU).
 */
const NEAR_SILENT_ENERGY = 0.0015 ** 2;

function isNearSilent(frame: Float32Array): boolean {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
  return sum < NEAR_SILENT_ENERGY * frame.length;
}
/** A voiced run survives pauses shorter than this (breaths between words). */
const RUN_RESET_MS = 300;

export class CandidateListener {
  readonly pipeline: SpeakerPipeline;
  private readonly vad: VoiceActivityDetector;
  private readonly ownsVad: boolean;
  private readonly endSilenceMs: number;
  private readonly requiredSilenceMs: (() => number) | undefined;
  private readonly frameMs: number;
  private readonly hangoverMs: number;
  private events: ListenerEvents;
  private turnOpen = false;
  private turnStartedAt = 0;
  private lastSpeechEnd: number | null = null;
  private voicedTotal = 0;
  private turnVoicedFrom = 0;
  private voicedRun = 0;
  private quietRun = 0;
  private clockBase = 0;

  private constructor(pipeline: SpeakerPipeline, vad: VoiceActivityDetector, ownsVad: boolean, opts: ListenerOptions, events: ListenerEvents) {
    this.pipeline = pipeline;
    this.vad = vad;
    this.ownsVad = ownsVad;
    this.endSilenceMs = opts.endSilenceMs;
    this.requiredSilenceMs = opts.requiredSilenceMs;
    this.frameMs = (vad.frameSamples / VAD_SAMPLE_RATE) * 1000;
    this.hangoverMs = vad.hangoverMs ?? 0;
    this.events = events;
  }

  static async create(opts: ListenerOptions, events: ListenerEvents): Promise<CandidateListener> {
    const given = opts.vad && 'process' in opts.vad ? opts.vad : null;
    const vad = given ?? (await createVad({ ...(opts.vad as CreateVadOptions | undefined), ...(opts.logger ? { logger: opts.logger } : {}) }));
    let self: CandidateListener | null = null;
    // The tap sees every frame's probability before the segmenter does: barge-in needs the
    // amount of speech, which the segmenter's start/end events alone do not give.
    // Silence reported without packets arrives as exact zeros, and a quiet room is not much more:
    // no model needs to look at either. After a long stretch the detector starts afresh, as for a new stream.
    let zeroRun = 0;
    let lastP = 0;
    const tapped: VoiceActivityDetector = {
      name: vad.name,
      frameSamples: vad.frameSamples,
      hangoverMs: vad.hangoverMs ?? 0,
      process: async (frame) => {
        let p: number;
        // Right after speech the model still runs, so its hangover (credited by the segmenter) stays as it is.
        if (lastP < SPEECH_P / 2 && isNearSilent(frame)) {
          if (++zeroRun === ZERO_RUN_RESET) vad.reset();
          p = 0;
        } else {
          zeroRun = 0;
          p = await vad.process(frame);
        }
        lastP = p;
        self?.onFrame(p);
        return p;
      },
      reset: () => vad.reset(),
      close: async () => undefined,
    };
    const pieceSilenceMs = Math.min(opts.pieceSilenceMs ?? 600, opts.endSilenceMs);
    const pipeline = await SpeakerPipeline.create({
      vad: tapped,
      segmenter: { silenceMs: pieceSilenceMs, maxTurnMs: opts.maxPieceMs ?? 25_000 },
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    self = new CandidateListener(pipeline, vad, given === null, opts, events);
    return self;
  }

  /** Audio time fed in so far; keeps counting across flush() (the segmenter's own clock restarts). */
  get nowMs(): number {
    return this.clockBase + this.pipeline.segmenter.nowMs;
  }

  /** True from the first word of an answer until its end-of-turn silence has passed. */
  get inTurn(): boolean {
    return this.turnOpen;
  }

  /** How long the detector keeps saying "speech" after speech stops. */
  get detectorHangoverMs(): number {
    return this.hangoverMs;
  }

  get vadName(): string {
    return this.vad.name;
  }

  async push(packet: Uint8Array): Promise<void> {
    this.handle(await this.pipeline.push(packet));
  }

  async pushSilence(ms: number): Promise<void> {
    this.handle(await this.pipeline.pushSilence(ms));
  }

  /** Hands out a piece still in progress and ends an open turn (stream over, interview paused). */
  async flush(): Promise<void> {
    const before = this.pipeline.segmenter.nowMs;
    const events = await this.pipeline.end();
    this.clockBase += before;
    for (const e of events) if (e.type === 'speech-end') this.events.piece(e.utterance);
    if (this.turnOpen) this.endTurn();
    this.voicedRun = 0;
    this.quietRun = 0;
  }

  /**
   * Ends the open turn if the silence so far is enough. Also called when something the decision
   * depends on changes without new audio (the last piece's words came back).
   */
  recheck(): void {
    if (!this.turnOpen || this.pipeline.segmenter.speaking || this.lastSpeechEnd === null) return;
    const quiet = this.pipeline.segmenter.nowMs - this.lastSpeechEnd + this.frameMs / 2;
    if (quiet >= this.endSilenceMs && (!this.requiredSilenceMs || quiet >= this.requiredSilenceMs())) this.endTurn();
  }

  /** Forgets an open turn without reporting it (e.g. the candidate left the channel mid-sentence). */
  discardTurn(): void {
    this.turnOpen = false;
    this.lastSpeechEnd = null;
  }

  async close(): Promise<void> {
    this.events = { speechStart() {}, piece() {}, turnEnd() {}, tick() {} };
    await this.pipeline.close();
    if (this.ownsVad) await this.vad.close();
  }

  private onFrame(p: number): void {
    if (p >= SPEECH_P) {
      this.voicedTotal += this.frameMs;
      this.voicedRun += this.frameMs;
      this.quietRun = 0;
    } else {
      this.quietRun += this.frameMs;
      if (this.quietRun >= RUN_RESET_MS) this.voicedRun = 0;
    }
  }

  private handle(events: SegmentEvent[]): void {
    for (const e of events) {
      if (e.type === 'speech-start') {
        if (!this.turnOpen) {
          this.turnOpen = true;
          this.turnStartedAt = e.speechStartMs;
          // The frames that confirmed the speech were counted just before this event.
          this.turnVoicedFrom = this.voicedTotal - Math.min(this.voicedRun, e.detectedAtMs - e.speechStartMs);
          this.events.speechStart(this.clockBase + e.speechStartMs);
        } else {
          this.events.speechResumed?.(this.clockBase + e.speechStartMs);
        }
        this.lastSpeechEnd = null;
      } else {
        if (e.utterance.endReason !== 'max-length') this.lastSpeechEnd = e.utterance.speechEndMs - this.hangoverMs;
        this.events.piece(e.utterance);
      }
    }
    this.recheck();
    this.events.tick({ nowMs: this.nowMs, voicedRunMs: this.voicedRun, speaking: this.pipeline.segmenter.speaking });
  }

  private endTurn(): void {
    const info = { voicedMs: this.voicedTotal - this.turnVoicedFrom, startedAtMs: this.clockBase + this.turnStartedAt, endedAtMs: this.clockBase + (this.lastSpeechEnd ?? this.pipeline.segmenter.nowMs) };
    this.turnOpen = false;
    this.lastSpeechEnd = null;
    this.events.turnEnd(info);
  }
}
