/**
 * One speaker's receive path: Opus packets (as @discordjs/voice hands them out) ->
 * 16 kHz mono PCM -> VAD frames -> turn segmenter -> utterances. libopus decodes straight
 * to 16 kHz mono (the stream is 48 kHz stereo), which costs a fraction of decoding at 48 kHz
 * and resampling after.
 * Calls are queued, so packets pushed from stream 'data' handlers stay in order.
 *
 * Discord stops sending packets when the user's client decides they are silent, so
 * silence may arrive as *no packets*. The caller reports such gaps with pushSilence()
 * (for example from a timer, or on the receiver's speaking 'end' event); otherwise the
 * segmenter never sees the silence that ends a turn.
 */
import type { Logger } from 'pino';
import { FrameChunker } from './frame-chunker.ts';
import { OpusPacketDecoder } from './opus.ts';
import { float32ToInt16, int16ToFloat32 } from './pcm.ts';
import { TurnSegmenter, type SegmentEvent, type SegmenterOptions, type Utterance } from './segmenter.ts';
import { createVad, type CreateVadOptions } from './vad/create.ts';
import { VAD_SAMPLE_RATE, type VoiceActivityDetector } from './vad/types.ts';
import { encodeWav } from './wav.ts';

export interface SpeakerPipelineOptions {
  /** A detector to use (the caller keeps ownership), or options to create one. */
  vad?: VoiceActivityDetector | CreateVadOptions;
  segmenter?: SegmenterOptions;
  logger?: Logger;
}

export interface SpeakerPipelineStats {
  packets: number;
  decodeFailures: number;
  vadFrames: number;
}

export class SpeakerPipeline {
  readonly vad: VoiceActivityDetector;
  readonly segmenter: TurnSegmenter;
  private readonly decoder = new OpusPacketDecoder({ channels: 1, sampleRate: VAD_SAMPLE_RATE });
  private readonly chunker: FrameChunker;
  private readonly ownsVad: boolean;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private packets = 0;
  private vadFrames = 0;

  private constructor(vad: VoiceActivityDetector, ownsVad: boolean, options: SpeakerPipelineOptions) {
    this.vad = vad;
    this.ownsVad = ownsVad;
    this.chunker = new FrameChunker(vad.frameSamples);
    this.segmenter = new TurnSegmenter({
      detectorHangoverMs: vad.hangoverMs ?? 0,
      ...options.segmenter,
      sampleRate: VAD_SAMPLE_RATE,
    });
  }

  static async create(options: SpeakerPipelineOptions = {}): Promise<SpeakerPipeline> {
    const given = options.vad && 'process' in options.vad ? options.vad : null;
    const vad = given ?? (await createVad({ ...(options.vad as CreateVadOptions | undefined), ...(options.logger ? { logger: options.logger } : {}) }));
    return new SpeakerPipeline(vad, given === null, options);
  }

  get stats(): SpeakerPipelineStats {
    return { packets: this.packets, decodeFailures: this.decoder.failures, vadFrames: this.vadFrames };
  }

  /** Feeds one Opus packet; resolves to the events it completed. */
  push(packet: Uint8Array): Promise<SegmentEvent[]> {
    return this.enqueue(async () => {
      this.packets++;
      return this.frames(this.chunker.push(int16ToFloat32(this.decoder.decode(packet))));
    });
  }

  /** Feeds `ms` of silence, for stretches where the client sent no packets. */
  pushSilence(ms: number): Promise<SegmentEvent[]> {
    return this.enqueue(async () => {
      const zeros = new Float32Array(Math.round((ms * VAD_SAMPLE_RATE) / 1000));
      return this.frames(this.chunker.push(zeros));
    });
  }

  /** Ends the current stream: drains buffers and hands out a turn in progress. Ready for reuse after. */
  end(): Promise<SegmentEvent[]> {
    return this.enqueue(async () => {
      const events = await this.frames(this.chunker.flush());
      events.push(...this.segmenter.flush());
      this.vad.reset();
      return events;
    });
  }

  /** Convenience: runs a whole packet stream and yields finished utterances. */
  async *utterances(packets: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Utterance> {
    for await (const packet of packets) {
      for (const e of await this.push(packet)) if (e.type === 'speech-end') yield e.utterance;
    }
    for (const e of await this.end()) if (e.type === 'speech-end') yield e.utterance;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    this.decoder.close();
    if (this.ownsVad) await this.vad.close();
  }

  private async frames(frames: Float32Array[]): Promise<SegmentEvent[]> {
    const events: SegmentEvent[] = [];
    for (const frame of frames) {
      const p = await this.vad.process(frame);
      this.vadFrames++;
      events.push(...this.segmenter.push(frame, p));
    }
    return events;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('speaker pipeline is closed'));
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** An utterance as a 16-bit WAV file, ready for an STT upload. */
export function utteranceToWav(utterance: Utterance): Buffer {
  return encodeWav({ sampleRate: utterance.sampleRate, channels: 1, samples: float32ToInt16(utterance.audio) });
}
