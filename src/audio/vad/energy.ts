/**
 * Energy detector, the fallback when Silero cannot load. It compares each frame's RMS
 * level (dBFS) with a running noise-floor estimate and maps the margin to a pseudo
 * probability. The floor drops at once to quieter frames, climbs slowly through noise,
 * and almost freezes while speech is on, so a long answer is not absorbed into it.
 * Hysteresis: once speaking, the midpoint of the curve moves down, so quiet word
 * endings keep the probability up.
 */
import { VAD_SAMPLE_RATE, type VoiceActivityDetector } from './types.ts';

export interface EnergyVadOptions {
  frameSamples?: number;
  /** Margin over the floor (dB) that gives probability 0.5 when not speaking. */
  onsetDb?: number;
  /** Margin that gives 0.5 once speaking (lower: hysteresis). */
  releaseDb?: number;
  /** The floor never goes below this: digital silence must not make faint hiss look loud. */
  minFloorDb?: number;
  /** Frames quieter than this are never speech, whatever the floor. */
  minSpeechDb?: number;
}

const FRAME_MS = (n: number) => (n / VAD_SAMPLE_RATE) * 1000;

export class EnergyVad implements VoiceActivityDetector {
  readonly name = 'energy';
  readonly frameSamples: number;
  readonly hangoverMs = 0;
  private readonly onsetDb: number;
  private readonly releaseDb: number;
  private readonly minFloorDb: number;
  private readonly minSpeechDb: number;
  private readonly riseQuiet: number;
  private readonly riseSpeech: number;
  private floorDb: number | null = null;
  private speaking = false;

  constructor(options: EnergyVadOptions = {}) {
    this.frameSamples = options.frameSamples ?? 512;
    this.onsetDb = options.onsetDb ?? 12;
    this.releaseDb = options.releaseDb ?? 7;
    this.minFloorDb = options.minFloorDb ?? -70;
    this.minSpeechDb = options.minSpeechDb ?? -55;
    // Per-frame smoothing for ~1.5 s (quiet) and ~20 s (speaking) time constants.
    const ms = FRAME_MS(this.frameSamples);
    this.riseQuiet = 1 - Math.exp(-ms / 1500);
    this.riseSpeech = 1 - Math.exp(-ms / 20_000);
  }

  /** Current noise-floor estimate in dBFS (for logs and tests). */
  get noiseFloorDb(): number {
    return Math.max(this.floorDb ?? this.minFloorDb, this.minFloorDb);
  }

  process(frame: Float32Array): Promise<number> {
    if (frame.length !== this.frameSamples) {
      return Promise.reject(new RangeError(`energy VAD expects ${this.frameSamples}-sample frames, got ${frame.length}`));
    }
    return Promise.resolve(this.step(frame));
  }

  /** Synchronous core, also usable directly. */
  step(frame: Float32Array): number {
    let sum = 0;
    for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
    const db = 10 * Math.log10(sum / frame.length + 1e-12);

    if (this.floorDb === null) this.floorDb = db;
    else if (db < this.floorDb) this.floorDb += (db - this.floorDb) * 0.5;
    else this.floorDb += (db - this.floorDb) * (this.speaking ? this.riseSpeech : this.riseQuiet);

    const margin = db - this.noiseFloorDb;
    const mid = this.speaking ? this.releaseDb : this.onsetDb;
    let p = 1 / (1 + Math.exp(-(margin - mid) / 2));
    if (db < this.minSpeechDb) p = Math.min(p, 0.05);
    this.speaking = p >= 0.5;
    return p;
  }

  reset(): void {
    this.floorDb = null;
    this.speaking = false;
  }

  async close(): Promise<void> {}
}
