/**
 * Alex's mouth: one reply at a time, in order, to the audio sink. A later reply waits for
 * the one playing (never two playbacks at once); interrupt() (barge-in) stops the one
 * playing, cancels its synthesis in flight and drops what was queued.
 */
import type { Logger } from 'pino';
import type { TextToSpeech } from '../gpu/tts/types.ts';
import { isAbortError } from '../resilience/network.ts';
import { PcmOpusEncoder } from './pcm-encoder.ts';
import { replyOpusPackets } from './reply-audio.ts';
import { streamedReplyOpusPackets } from './streamed-reply.ts';
import type { AudioSink } from './types.ts';

export interface SpeakerOptions {
  voice?: string;
  /** The interview's language: the voice speaks it. */
  language?: string;
  logger?: Logger;
  /** A reply could not be spoken (TTS down, unplayable audio); its text is still in the thread. */
  onError?: (err: unknown) => void;
  /** The first packet of a reply went to the sink. */
  onFirstPacket?: (text: string) => void;
  /** Nothing is playing or queued any more. */
  onIdle?: (reason: 'finished' | 'interrupted') => void;
}

export interface SpeakResult {
  /** Packets handed to the sink. */
  packets: number;
  outcome: 'played' | 'interrupted' | 'failed' | 'dropped';
}

interface Item {
  /** A whole reply, or its sentences as they are written. */
  text: string | AsyncIterable<string>;
  resolve: (r: SpeakResult) => void;
}

export class ReplySpeaker {
  private readonly sink: AudioSink;
  private readonly tts: TextToSpeech;
  private readonly opts: SpeakerOptions;
  private readonly queue: Item[] = [];
  /** Converters for PCM/WAV replies, kept between sentences. */
  readonly pcm = new PcmOpusEncoder();
  private current: AbortController | null = null;
  private running = false;
  private closed = false;
  private interrupted = false;

  constructor(sink: AudioSink, tts: TextToSpeech, opts: SpeakerOptions = {}) {
    this.sink = sink;
    this.tts = tts;
    this.opts = opts;
  }

  /** True from the moment a reply is taken up (synthesis included) until the queue is empty. */
  get busy(): boolean {
    return this.running;
  }

  /** Queues a reply; resolves when it has been played, interrupted or dropped. */
  say(text: string): Promise<SpeakResult> {
    if (this.closed || !text.trim()) return Promise.resolve({ packets: 0, outcome: 'dropped' });
    return new Promise((resolve) => {
      this.queue.push({ text, resolve });
      void this.pump();
    });
  }

  /** Queues a reply that is still being written: each sentence is synthesised as soon as it is complete. */
  sayStream(sentences: AsyncIterable<string>): Promise<SpeakResult> {
    if (this.closed) return Promise.resolve({ packets: 0, outcome: 'dropped' });
    return new Promise((resolve) => {
      this.queue.push({ text: sentences, resolve });
      void this.pump();
    });
  }

  /** Barge-in: stop now and forget what was queued. */
  interrupt(): boolean {
    if (!this.running) return false;
    this.interrupted = true;
    for (const item of this.queue.splice(0)) item.resolve({ packets: 0, outcome: 'dropped' });
    this.current?.abort(new DOMException('interrupted', 'AbortError'));
    this.sink.stop();
    return true;
  }

  close(): void {
    this.closed = true;
    this.interrupt();
    this.pcm.close();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.interrupted = false;
    while (this.queue.length > 0 && !this.closed) {
      const item = this.queue.shift()!;
      const ctl = new AbortController();
      this.current = ctl;
      const counter = { packets: 0, failed: false };
      try {
        await this.sink.play(this.packets(item.text, ctl.signal, counter), ctl.signal);
      } catch (e) {
        if (!ctl.signal.aborted) {
          counter.failed = true;
          this.opts.onError?.(e);
        }
      } finally {
        this.current = null;
      }
      item.resolve({ packets: counter.packets, outcome: ctl.signal.aborted ? 'interrupted' : counter.failed ? 'failed' : 'played' });
    }
    this.running = false;
    this.opts.onIdle?.(this.interrupted ? 'interrupted' : 'finished');
  }

  /** The reply's packets; a synthesis failure ends the stream cleanly so the sink never sees an error. */
  private async *packets(text: string | AsyncIterable<string>, signal: AbortSignal, counter: { packets: number; failed: boolean }): AsyncGenerator<Buffer> {
    try {
      const opts = { signal, pcm: this.pcm, ...(this.opts.voice ? { voice: this.opts.voice } : {}), ...(this.opts.language ? { language: this.opts.language } : {}) };
      const source = typeof text === 'string' ? replyOpusPackets(this.tts, text, opts) : streamedReplyOpusPackets(this.tts, text, opts);
      for await (const p of source) {
        if (signal.aborted) return;
        if (counter.packets++ === 0) this.opts.onFirstPacket?.(typeof text === 'string' ? text : '');
        yield p;
      }
    } catch (e) {
      if (signal.aborted || isAbortError(e)) return;
      counter.failed = true;
      this.opts.logger?.warn({ err: e }, 'reply could not be spoken');
      this.opts.onError?.(e);
    }
  }
}
