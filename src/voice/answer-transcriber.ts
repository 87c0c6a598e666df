/**
 * Transcribes one spoken answer piece by piece, in order, as the pieces are cut, and joins
 * them when the answer ends. Each request carries the question and the answer so far as
 * Whisper's prompt, so names and jargon stay consistent across the pieces.
 */
import { float32ToInt16 } from '../audio/pcm.ts';
import type { Utterance } from '../audio/segmenter.ts';
import type { SpeechToText } from '../gpu/stt/types.ts';

export interface AnswerTranscriberOptions {
  language?: string;
  /** Context before the answer (the question Alex asked). */
  context?: string;
  signal?: AbortSignal;
}

export interface AnswerText {
  text: string;
  pieces: number;
  /** Pieces whose transcription failed (their words are missing from text). */
  failures: unknown[];
  /** Providers that answered, in order (a fallback shows up here). */
  providers: string[];
}

/** Whisper reads at most 224 prompt tokens; the end of the context matters most. */
const MAX_PROMPT_CHARS = 600;

export class AnswerTranscriber {
  private readonly stt: SpeechToText;
  private readonly opts: AnswerTranscriberOptions;
  private readonly texts: string[] = [];
  private readonly failures: unknown[] = [];
  private readonly providers: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private pieces = 0;

  constructor(stt: SpeechToText, opts: AnswerTranscriberOptions = {}) {
    this.stt = stt;
    this.opts = opts;
  }

  add(piece: Utterance): void {
    this.pieces++;
    const pcm16 = float32ToInt16(piece.audio);
    this.chain = this.chain.then(async () => {
      if (this.opts.signal?.aborted) {
        this.failures.push(this.opts.signal.reason);
        return;
      }
      try {
        const prompt = [this.opts.context ?? '', ...this.texts].join(' ').trim().slice(-MAX_PROMPT_CHARS);
        const res = await this.stt.transcribe(
          { pcm16, sampleRate: piece.sampleRate },
          { ...(this.opts.language ? { language: this.opts.language } : {}), ...(prompt ? { prompt } : {}) },
          this.opts.signal,
        );
        const text = res.text.trim();
        if (text) this.texts.push(text);
        this.providers.push(res.provider);
      } catch (e) {
        this.failures.push(e);
      }
    });
  }

  /** Waits for the pieces in flight and joins their text. */
  async finish(): Promise<AnswerText> {
    await this.chain;
    return { text: this.texts.join(' ').replace(/\s+/g, ' ').trim(), pieces: this.pieces, failures: [...this.failures], providers: [...this.providers] };
  }
}
