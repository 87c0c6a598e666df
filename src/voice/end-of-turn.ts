/**
 * How long a silence ends the candidate's answer, decided afresh while they are quiet.
 *
 * 'fixed': one silence length for every answer (the old rule).
 * 'adaptive': the answer's pieces are transcribed as they are cut, so by the time the
 * candidate pauses most of what they said is known. A finished thought ends the turn after
 * a short silence (completeMs); a sentence left hanging, a filler or an unfinished list
 * waits much longer (incompleteMs); no punctuation to go on, in between (unsureMs). While
 * the last piece is still being transcribed, the turn waits for its words (never past
 * incompleteMs). With an end-of-turn model (TURN_MODEL_PATH), the model judges the audio
 * of the answer's end instead of the rules.
 */
import type { Logger } from 'pino';
import type { TurnModel } from './turn-model.ts';
import { judgeTranscript, type TurnJudgement } from './turn-rules.ts';

export type EndOfTurnOptions =
  | { mode: 'fixed'; silenceMs: number }
  | { mode: 'adaptive'; completeMs?: number; unsureMs?: number; incompleteMs?: number; model?: TurnModel | null; modelThreshold?: number };

export const ADAPTIVE_DEFAULTS = { completeMs: 600, unsureMs: 1600, incompleteMs: 3000, modelThreshold: 0.5 } as const;

/** What the decider can see of the answer in progress. */
export interface TurnSoFar {
  /** Transcript of the pieces already transcribed, in order. */
  text: string;
  /** Pieces cut but not yet transcribed. */
  pending: number;
  /** Whether anything can be transcribed at all (speech-to-text is up). */
  transcribing: boolean;
  /** Whether the transcripts of this interview carry punctuation at all (see judgeTranscript). */
  punctuates?: boolean;
  /** Only listening noises ("mm-hmm", "okay") said over Alex: not a turn, so no reason to wait. */
  backchannel?: boolean;
  /** The text so far is a command ("skip", "repeat the question"): nothing more is coming. */
  command?: boolean;
}

const MODEL_WINDOW_S = 8;

export class EndOfTurnDecider {
  readonly mode: 'fixed' | 'adaptive';
  private readonly fixedMs: number;
  private readonly completeMs: number;
  private readonly unsureMs: number;
  private readonly incompleteMs: number;
  private readonly model: TurnModel | null;
  private readonly threshold: number;
  private readonly log: Logger | undefined;
  /** The turn's most recent audio (16 kHz mono), for the model. */
  private audio: Float32Array[] = [];
  private audioSamples = 0;
  private sampleRate = 16_000;
  /** Model verdict for the current silence: null while asked, undefined when not asked. */
  private modelSays: TurnJudgement | null | undefined;
  private generation = 0;
  last: { judgement: TurnJudgement | 'pending'; reason: string } = { judgement: 'unsure', reason: '' };

  constructor(opts: EndOfTurnOptions, logger?: Logger) {
    this.mode = opts.mode;
    this.log = logger;
    if (opts.mode === 'fixed') {
      this.fixedMs = opts.silenceMs;
      this.completeMs = this.unsureMs = this.incompleteMs = opts.silenceMs;
      this.model = null;
      this.threshold = 0.5;
    } else {
      this.fixedMs = 0;
      this.completeMs = opts.completeMs ?? ADAPTIVE_DEFAULTS.completeMs;
      this.incompleteMs = Math.max(this.completeMs, opts.incompleteMs ?? ADAPTIVE_DEFAULTS.incompleteMs);
      this.unsureMs = Math.min(this.incompleteMs, Math.max(this.completeMs, opts.unsureMs ?? ADAPTIVE_DEFAULTS.unsureMs));
      this.model = opts.model ?? null;
      this.threshold = opts.modelThreshold ?? ADAPTIVE_DEFAULTS.modelThreshold;
    }
  }

  /** The shortest silence that could ever end a turn (the listener need not ask before it). */
  get minimumMs(): number {
    return this.mode === 'fixed' ? this.fixedMs : this.completeMs;
  }

  /** The longest: past it the turn ends whatever the transcript says. */
  get maximumMs(): number {
    return this.mode === 'fixed' ? this.fixedMs : this.incompleteMs;
  }

  startTurn(): void {
    this.audio = [];
    this.audioSamples = 0;
    this.speechResumed();
  }

  /** The candidate spoke again: a verdict about the earlier silence no longer holds. */
  speechResumed(): void {
    this.modelSays = undefined;
    this.generation++;
  }

  /** A piece of the answer was cut (its audio feeds the model). */
  piece(audio: Float32Array, sampleRate: number): void {
    if (!this.model) return;
    this.sampleRate = sampleRate;
    this.audio.push(audio);
    this.audioSamples += audio.length;
    const keep = MODEL_WINDOW_S * sampleRate;
    while (this.audio.length > 1 && this.audioSamples - this.audio[0]!.length >= keep) this.audioSamples -= this.audio.shift()!.length;
  }

  /** Silence (ms) the turn needs now, given what is known of the answer. */
  requiredSilenceMs(soFar: TurnSoFar): number {
    if (this.mode === 'fixed') return this.fixedMs;
    const judgement = this.judge(soFar);
    switch (judgement) {
      case 'complete':
        return this.completeMs;
      case 'incomplete':
        return this.incompleteMs;
      case 'pending':
        // Not known yet: ask again on the next tick, never past the longest wait.
        return this.incompleteMs;
      default:
        return this.unsureMs;
    }
  }

  private judge(soFar: TurnSoFar): TurnJudgement | 'pending' {
    if (this.model) return this.fromModel();
    if (!soFar.transcribing) {
      this.last = { judgement: 'unsure', reason: 'no transcription' };
      return 'unsure';
    }
    if (soFar.pending > 0) {
      this.last = { judgement: 'pending', reason: 'last piece still being transcribed' };
      return 'pending';
    }
    const v = soFar.command ? { judgement: 'complete' as const, reason: 'a command' } : soFar.backchannel ? { judgement: 'complete' as const, reason: 'listening noises over Alex' } : judgeTranscript(soFar.text, soFar.punctuates === undefined ? {} : { punctuates: soFar.punctuates });
    this.last = v;
    return v.judgement;
  }

  private fromModel(): TurnJudgement | 'pending' {
    if (this.modelSays === undefined) {
      this.modelSays = null;
      const gen = this.generation;
      const window = this.window();
      void this.model!.predict(window, this.sampleRate)
        .then((p) => {
          if (gen !== this.generation) return;
          this.modelSays = p >= this.threshold ? 'complete' : 'incomplete';
          this.last = { judgement: this.modelSays, reason: `model p=${p.toFixed(2)}` };
        })
        .catch((err: unknown) => {
          if (gen !== this.generation) return;
          this.log?.warn({ err }, 'end-of-turn model failed; waiting the longer silence');
          this.modelSays = 'unsure';
        });
    }
    return this.modelSays ?? 'pending';
  }

  private window(): Float32Array {
    const out = new Float32Array(this.audioSamples);
    let o = 0;
    for (const a of this.audio) {
      out.set(a, o);
      o += a.length;
    }
    return out;
  }
}
