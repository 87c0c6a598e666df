/**
 * An end-of-turn model on onnxruntime-node (TURN_MODEL_PATH): it hears the last seconds of
 * the answer and says how likely the speaker is done. Models that take raw 16 kHz audio as
 * a [batch, samples] float input (Smart Turn v2's `input_values`, wav2vec2-style
 * normalised) are supported; the output is one probability, or one logit that is put
 * through a sigmoid when it falls outside 0..1.
 */
import { existsSync } from 'node:fs';
import type * as Ort from 'onnxruntime-node';

export interface TurnModel {
  readonly name: string;
  /** Probability (0..1) that the speaker has finished, from the end of their audio. */
  predict(audio: Float32Array, sampleRate: number): Promise<number>;
  close(): Promise<void>;
}

export class TurnModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TurnModelError';
  }
}

const RATE = 16_000;

class OnnxTurnModel implements TurnModel {
  readonly name: string;
  private readonly ort: typeof Ort;
  private session: Ort.InferenceSession | null;
  private readonly input: string;
  private readonly output: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(ort: typeof Ort, session: Ort.InferenceSession, name: string) {
    this.ort = ort;
    this.session = session;
    this.name = name;
    this.input = session.inputNames[0]!;
    this.output = session.outputNames[0]!;
  }

  predict(audio: Float32Array, sampleRate: number): Promise<number> {
    if (sampleRate !== RATE) return Promise.reject(new TurnModelError(`the end-of-turn model needs ${RATE} Hz audio, got ${sampleRate}`));
    // One run at a time per model: onnxruntime sessions are shared by every interview.
    const run = this.queue.then(() => this.run(audio));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(audio: Float32Array): Promise<number> {
    const session = this.session;
    if (!session) throw new TurnModelError('the end-of-turn model is closed');
    const x = normalise(audio.length ? audio : new Float32Array(RATE / 10));
    const out = await session.run({ [this.input]: new this.ort.Tensor('float32', x, [1, x.length]) });
    const v = Number((out[this.output]!.data as Float32Array | number[])[0]);
    if (!Number.isFinite(v)) throw new TurnModelError('the end-of-turn model gave no number');
    return v >= 0 && v <= 1 ? v : 1 / (1 + Math.exp(-v));
  }

  async close(): Promise<void> {
    await this.queue;
    const s = this.session;
    this.session = null;
    await s?.release();
  }
}

/** Zero mean, unit variance: what wav2vec2-style feature extractors feed their models. */
function normalise(x: Float32Array): Float32Array {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]!;
  mean /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i]! - mean) ** 2;
  const sd = Math.sqrt(v / x.length + 1e-7);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i]! - mean) / sd;
  return out;
}

/** Loads the model; throws TurnModelError with the reason when it cannot be used. */
export async function loadTurnModel(path: string): Promise<TurnModel> {
  if (!existsSync(path)) throw new TurnModelError(`no end-of-turn model file at ${path}`);
  let ort: typeof Ort;
  try {
    const mod = (await import('onnxruntime-node')) as typeof Ort & { default?: typeof Ort };
    ort = mod.default ?? mod;
  } catch (cause) {
    throw new TurnModelError('onnxruntime-node could not be loaded', { cause });
  }
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  } catch (cause) {
    throw new TurnModelError(`the end-of-turn model at ${path} could not be loaded`, { cause });
  }
  if (session.inputNames.length !== 1 || session.outputNames.length < 1) {
    await session.release();
    throw new TurnModelError(`the end-of-turn model at ${path} must take one audio input (it takes ${session.inputNames.join(', ') || 'none'})`);
  }
  return new OnnxTurnModel(ort, session, path.split(/[\\/]/).pop() ?? 'turn-model');
}
