/**
 * A reply that is still being written, spoken as it comes: each sentence is sent to
 * text-to-speech as soon as it is complete (a couple ahead at most), and its packets come out
 * in reading order, so Alex starts on the first sentence while the model writes the rest.
 */
import { SentenceAccumulator } from '../gpu/tts/sentences.ts';
import type { SynthesisResult, TextToSpeech } from '../gpu/tts/types.ts';
import { synthesisToOpusPackets, type ReplyAudioOptions } from './reply-audio.ts';

/** Whole sentences out of streamed text; the first clause goes ahead on its own, so Alex starts sooner. */
export async function* sentencesOf(text: AsyncIterable<string>): AsyncGenerator<string> {
  const acc = new SentenceAccumulator({ firstClause: true });
  for await (const chunk of text) yield* acc.push(chunk);
  yield* acc.end();
}

export async function* streamedReplyOpusPackets(tts: TextToSpeech, sentences: AsyncIterable<string>, opts: ReplyAudioOptions & { concurrency?: number } = {}): AsyncGenerator<Buffer> {
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const ctl = new AbortController();
  const onOuterAbort = () => ctl.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const items: { text: string; audio: Promise<SynthesisResult> | null }[] = [];
  let consumed = 0;
  let ended = false;
  let failure: unknown = null;
  const waker: { wake: (() => void) | null } = { wake: null };
  const launch = () => {
    for (let i = consumed; i < items.length && i < consumed + concurrency; i++) {
      const item = items[i]!;
      if (item.audio) continue;
      item.audio = tts.synthesize(item.text, { ...(opts.voice === undefined ? {} : { voice: opts.voice }), ...(opts.language === undefined ? {} : { language: opts.language }) }, ctl.signal);
      // Failures surface when that sentence's turn comes.
      item.audio.catch(() => undefined);
    }
  };
  const reading = (async () => {
    try {
      for await (const s of sentences) {
        if (ctl.signal.aborted) break;
        if (!s.trim()) continue;
        items.push({ text: s, audio: null });
        launch();
        waker.wake?.();
      }
    } catch (e) {
      failure = e;
    } finally {
      ended = true;
      waker.wake?.();
    }
  })();
  try {
    while (true) {
      if (consumed < items.length) {
        launch();
        const item = items[consumed]!;
        const result = await item.audio!;
        consumed++;
        launch();
        opts.onSentence?.({ index: consumed - 1, count: items.length, provider: result.provider, text: item.text });
        yield* synthesisToOpusPackets(result, opts.pcm);
        continue;
      }
      if (ended) break;
      await new Promise<void>((r) => {
        waker.wake = r;
      });
      waker.wake = null;
    }
    if (failure) throw failure;
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    ctl.abort(new DOMException('reply stream closed', 'AbortError'));
    await reading.catch(() => undefined);
  }
}
