/**
 * Fakes beside the speech interfaces for voice-session tests: an STT that "recognises" the
 * espeak clips a test spoke (by how much voiced audio a piece holds, in order), a TTS that
 * answers WAV tones, and an audio sink that records what was played and when it was stopped.
 */
import { float32ToInt16 } from '../../../src/audio/pcm.ts';
import { resample } from '../../../src/audio/resampler.ts';
import { encodeWav } from '../../../src/audio/wav.ts';
import { SpeechError } from '../../../src/gpu/errors.ts';
import type { EncodedFormat, SpeechToText, SttAudio, TranscribeOptions, TranscribeResult } from '../../../src/gpu/stt/types.ts';
import type { SynthesisResult, SynthesizeOptions, TextToSpeech } from '../../../src/gpu/tts/types.ts';
import type { AudioSink } from '../../../src/voice/types.ts';
import type { SpokenClip } from '../../audio/speech-fixtures.ts';

/** Milliseconds of 10 ms frames louder than about -34 dBFS: speech, not the noise bed. */
export function voicedMs(x: Float32Array, sampleRate: number): number {
  const n = Math.round(sampleRate / 100);
  let frames = 0;
  for (let i = 0; i + n <= x.length; i += n) {
    let sum = 0;
    for (let j = i; j < i + n; j++) sum += x[j]! * x[j]!;
    if (Math.sqrt(sum / n) > 0.02) frames++;
  }
  return frames * 10;
}

export interface SttCall {
  durationMs: number;
  voicedMs: number;
  prompt: string | undefined;
  text: string;
}

/**
 * Knows the clips a test will speak, in order. Each piece it receives holds the next one or
 * more clips (pauses may or may not split the answer); it picks how many by voiced length.
 */
export class ScriptedStt implements SpeechToText {
  readonly name = 'fake-whisper';
  readonly calls: SttCall[] = [];
  private readonly refs: { text: string; voiced: number }[] = [];
  private cursor = 0;
  failWith: Error | null = null;
  delayMs = 0;

  static async forClips(clips: SpokenClip[]): Promise<ScriptedStt> {
    const stt = new ScriptedStt();
    for (const c of clips) {
      const x16 = await resample(c.samples, { inputRate: c.sampleRate, outputRate: 16_000 });
      stt.refs.push({ text: c.text, voiced: voicedMs(x16, 16_000) });
    }
    return stt;
  }

  accepts(_format: EncodedFormat): boolean {
    return false;
  }

  async transcribe(audio: SttAudio, opts: TranscribeOptions = {}, signal?: AbortSignal): Promise<TranscribeResult> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (signal?.aborted) throw new SpeechError({ provider: this.name, kind: 'aborted', message: 'aborted' });
    if (this.failWith) throw this.failWith;
    if (!('pcm16' in audio)) throw new SpeechError({ provider: this.name, kind: 'unsupported', message: 'pcm only' });
    const text = this.recognise(audio.pcm16, audio.sampleRate, opts.prompt);
    return { text, provider: this.name, model: 'fake', ms: 0 };
  }

  /** The words of the next clip(s), judged by how much voiced audio `pcm16` holds. */
  recognise(pcm16: Int16Array, sampleRate: number, prompt?: string): string {
    const x = new Float32Array(pcm16.length);
    for (let i = 0; i < x.length; i++) x[i] = pcm16[i]! / 32768;
    const v = voicedMs(x, sampleRate);
    let best = 1;
    let bestErr = Infinity;
    let sum = 0;
    for (let k = 1; this.cursor + k <= this.refs.length; k++) {
      sum += this.refs[this.cursor + k - 1]!.voiced;
      const err = Math.abs(sum - v);
      if (err < bestErr) {
        bestErr = err;
        best = k;
      }
    }
    const words = this.refs.slice(this.cursor, this.cursor + best).map((r) => r.text);
    this.cursor += words.length;
    const text = v < 60 ? '' : words.join(' ');
    this.calls.push({ durationMs: (pcm16.length / sampleRate) * 1000, voicedMs: v, prompt, text });
    return text;
  }
}

/** Names each piece it is sent ("part 1", "part 2"...) and remembers the prompt that came with it. */
export class CountingStt implements SpeechToText {
  readonly name = 'counting-stt';
  readonly prompts: (string | undefined)[] = [];
  readonly durationsMs: number[] = [];
  accepts(): boolean {
    return false;
  }
  async transcribe(audio: SttAudio, opts: TranscribeOptions = {}): Promise<TranscribeResult> {
    this.prompts.push(opts.prompt);
    if ('pcm16' in audio) this.durationsMs.push((audio.pcm16.length / audio.sampleRate) * 1000);
    return { text: `part ${this.prompts.length}.`, provider: this.name, model: 'fake', ms: 0 };
  }
}

/** Answers every sentence with a quiet tone: 24 kHz mono WAV, 45 ms per character. */
export class ToneTts implements TextToSpeech {
  readonly name: string;
  readonly requests: string[] = [];
  delayMs = 0;
  msPerChar = 45;
  failWith: Error | null = null;

  constructor(name = 'fake-xtts') {
    this.name = name;
  }

  async synthesize(text: string, _opts: SynthesizeOptions = {}, signal?: AbortSignal): Promise<SynthesisResult> {
    this.requests.push(text);
    if (this.delayMs) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, this.delayMs);
        signal?.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new SpeechError({ provider: this.name, kind: 'aborted', message: 'aborted' }));
        }, { once: true });
      });
    }
    if (this.failWith) throw this.failWith;
    const rate = 24_000;
    const n = Math.round((Math.min(text.length, 400) * this.msPerChar * rate) / 1000);
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = 0.2 * Math.sin((2 * Math.PI * 220 * i) / rate);
    return { audio: encodeWav({ sampleRate: rate, channels: 1, samples: float32ToInt16(x) }), format: 'wav', sampleRate: rate, provider: this.name, ms: 0 };
  }
}

export interface PlayRecord {
  packets: number;
  /** performance.now() when the first packet was taken. */
  firstPacketAt: number | null;
  stopped: boolean;
  endedAt: number | null;
}

/**
 * Takes packets like a player: `paceMs` per packet (20 = real time, 0 = as fast as it can).
 * Records every playback, stop() calls, and whether two ever overlapped.
 */
export class RecordingSink implements AudioSink {
  readonly plays: PlayRecord[] = [];
  stops = 0;
  overlaps = 0;
  paceMs: number;
  private active = 0;
  private stopCurrent: (() => void) | null = null;
  private readonly waiters: (() => void)[] = [];

  constructor(paceMs = 0) {
    this.paceMs = paceMs;
  }

  async play(packets: AsyncIterable<Buffer>, signal: AbortSignal): Promise<void> {
    if (this.active > 0) this.overlaps++;
    this.active++;
    const rec: PlayRecord = { packets: 0, firstPacketAt: null, stopped: false, endedAt: null };
    this.plays.push(rec);
    let stopped = false;
    this.stopCurrent = () => {
      stopped = true;
    };
    try {
      for await (const p of packets) {
        if (stopped || signal.aborted) break;
        if (p.length === 0) continue;
        if (rec.packets++ === 0) {
          rec.firstPacketAt = performance.now();
          for (const w of this.waiters.splice(0)) w();
        }
        if (this.paceMs) await new Promise((r) => setTimeout(r, this.paceMs));
      }
    } finally {
      rec.stopped = stopped || signal.aborted;
      rec.endedAt = performance.now();
      this.active--;
      this.stopCurrent = null;
    }
  }

  stop(): void {
    this.stops++;
    this.stopCurrent?.();
  }

  /** Resolves when the next playback's first packet has been taken. */
  nextFirstPacket(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }

  get totalPackets(): number {
    return this.plays.reduce((n, p) => n + p.packets, 0);
  }
}
