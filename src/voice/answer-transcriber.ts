/**
 * Transcribes one spoken answer piece by piece, in order, as the pieces are cut, and joins
 * them when the answer ends. Each request carries the interview's vocabulary, the question
 * and the answer so far as Whisper's prompt, so names and jargon stay spelled right.
 *
 * Pieces that hold too little speech (a breath, a click, a cough the detector let through)
 * or that are near-silent are never sent; text Whisper makes up on silence ("Thank you for
 * watching") is dropped, so neither can become an answer.
 */
import { float32ToInt16 } from '../audio/pcm.ts';
import type { Utterance } from '../audio/segmenter.ts';
import { isHallucination } from '../gpu/stt/hallucinations.ts';
import type { SpeechToText } from '../gpu/stt/types.ts';
import { buildSttPrompt } from './stt-prompt.ts';

export interface AnswerTranscriberOptions {
  language?: string;
  /** Context before the answer (the question Alex asked). */
  context?: string;
  /** Resume / job-description terms and names already used: spelled as given. */
  terms?: readonly string[];
  signal?: AbortSignal;
  /** Pieces with less detected speech than this are not sent (default 200 ms). */
  minVoicedMs?: number;
  /** Each piece's text as it comes back (empty when nothing was heard). */
  onText?: (text: string) => void;
}

export interface AnswerText {
  text: string;
  pieces: number;
  /** Pieces not sent (too little speech) or whose text was dropped as made up. */
  skipped: number;
  /** Pieces whose transcription failed (their words are missing from text). */
  failures: unknown[];
  /** Providers that answered, in order (a fallback shows up here). */
  providers: string[];
}

/** Loudest 20 ms stretch quieter than this (about -50 dBFS) is silence, whatever the detector said. */
const NEAR_SILENT_RMS = 0.003;

export class AnswerTranscriber {
  private readonly stt: SpeechToText;
  private readonly opts: AnswerTranscriberOptions;
  private readonly texts: string[] = [];
  private readonly failures: unknown[] = [];
  private readonly providers: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private pieces = 0;
  private skipped = 0;
  private inFlight = 0;

  constructor(stt: SpeechToText, opts: AnswerTranscriberOptions = {}) {
    this.stt = stt;
    this.opts = opts;
  }

  /** Pieces handed in whose text is not back yet. */
  get pending(): number {
    return this.inFlight;
  }

  /** The answer's text as far as it is known. */
  get textSoFar(): string {
    return this.texts.join(' ');
  }

  add(piece: Utterance): void {
    this.pieces++;
    if (piece.voicedMs < (this.opts.minVoicedMs ?? 200) || peakRms(piece.audio, piece.sampleRate) < NEAR_SILENT_RMS) {
      this.skipped++;
      this.opts.onText?.('');
      return;
    }
    const pcm16 = float32ToInt16(piece.audio);
    this.inFlight++;
    this.chain = this.chain.then(async () => {
      try {
        if (this.opts.signal?.aborted) {
          this.failures.push(this.opts.signal.reason);
          return;
        }
        const prompt = buildSttPrompt({ terms: this.opts.terms ?? [], question: this.opts.context ?? '', soFar: this.texts.join(' ') });
        const res = await this.stt.transcribe(
          { pcm16, sampleRate: piece.sampleRate },
          { ...(this.opts.language ? { language: this.opts.language } : {}), ...(prompt ? { prompt } : {}) },
          this.opts.signal,
        );
        let text = res.text.trim();
        if (text && isHallucination(text)) {
          this.skipped++;
          text = '';
        }
        if (text) this.texts.push(text);
        this.providers.push(res.provider);
      } catch (e) {
        this.failures.push(e);
      } finally {
        this.inFlight--;
      }
      // After the count: whoever listens may decide on the answer as it now stands.
      this.opts.onText?.(this.texts.at(-1) ?? '');
    });
  }

  /** Waits for the pieces in flight and joins their text. */
  async finish(): Promise<AnswerText> {
    await this.chain;
    return { text: this.texts.join(' ').replace(/\s+/g, ' ').trim(), pieces: this.pieces, skipped: this.skipped, failures: [...this.failures], providers: [...this.providers] };
  }
}

/** RMS of the loudest 20 ms window. */
function peakRms(x: Float32Array, rate: number): number {
  const n = Math.max(1, Math.round(rate / 50));
  let best = 0;
  for (let i = 0; i < x.length; i += n) {
    let sum = 0;
    const end = Math.min(x.length, i + n);
    for (let j = i; j < end; j++) sum += x[j]! * x[j]!;
    best = Math.max(best, sum / (end - i));
  }
  return Math.sqrt(best);
}
