/**
 * Sentence-by-sentence synthesis: the first sentence is requested first and handed out
 * as soon as it is ready, so playback starts while the rest is still being made. A few
 * sentences are synthesised ahead (bounded: XTTS serves two or three streams at most),
 * and results always come out in reading order.
 */
import { splitSentences, type SplitOptions } from './sentences.ts';
import type { SynthesisResult, SynthesizeOptions, TextToSpeech } from './types.ts';

export interface SentenceAudio extends SynthesisResult {
  index: number;
  text: string;
  /** How many sentences the reply was split into. */
  count: number;
}

export interface SentenceStreamOptions extends SynthesizeOptions, SplitOptions {
  /** Requests in flight at once, the current sentence included. */
  concurrency?: number;
  signal?: AbortSignal;
}

export async function* synthesizeSentences(tts: TextToSpeech, text: string, opts: SentenceStreamOptions = {}): AsyncGenerator<SentenceAudio> {
  const sentences = splitSentences(text, opts.maxChars === undefined ? {} : { maxChars: opts.maxChars });
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  // Stopping early (barge-in: the consumer breaks out) cancels what is still in flight.
  const ctl = new AbortController();
  const onOuterAbort = () => ctl.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const synthOpts: SynthesizeOptions = { ...(opts.voice === undefined ? {} : { voice: opts.voice }), ...(opts.language === undefined ? {} : { language: opts.language }) };
  const pending: Promise<SynthesisResult>[] = [];
  let launched = 0;
  const launchUpTo = (limit: number) => {
    while (launched < sentences.length && launched < limit) {
      const p = tts.synthesize(sentences[launched]!, synthOpts, ctl.signal);
      // Failures surface when that sentence's turn comes; until then they must not go unhandled.
      p.catch(() => undefined);
      pending[launched++] = p;
    }
  };
  try {
    for (let i = 0; i < sentences.length; i++) {
      launchUpTo(i + concurrency);
      const result = await pending[i]!;
      yield { ...result, index: i, text: sentences[i]!, count: sentences.length };
    }
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    if (launched > 0) ctl.abort(new DOMException('sentence stream closed', 'AbortError'));
  }
}
