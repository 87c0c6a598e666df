import { useCallback, useEffect, useRef, useState } from 'react';

/** Sentences, short ones merged, so the first one can be synthesised and heard while the rest is fetched. */
export function speakableChunks(text: string, maxChunks = 6): string[] {
  const sentences = text.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]+["')\]]*|[^.!?]+$/g)?.map((s) => s.trim()).filter(Boolean) ?? [];
  const out: string[] = [];
  for (const s of sentences) {
    const last = out[out.length - 1];
    if (last !== undefined && (last.length < 40 || out.length >= maxChunks)) out[out.length - 1] = `${last} ${s}`;
    else out.push(s);
  }
  return out;
}

export interface AudioPlayer {
  playing: boolean;
  /** The sentence being heard now (for captions). */
  caption: string;
  /** Creates or resumes the audio context; call from a click so browsers allow sound. */
  unlock(): Promise<void>;
  /** Speaks the text: each sentence is fetched with `fetchAudio` and played as soon as it arrives, in order. */
  speak(text: string, fetchAudio: (sentence: string, signal: AbortSignal) => Promise<ArrayBuffer>): Promise<void>;
  /** Stops playback now (barge-in) and drops what was still coming. */
  stop(): void;
}

/** Marks for measuring: when Alex's first sound of a reply started (performance.now()). */
declare global {
  interface Window {
    __interviewMarks?: { event: string; at: number }[];
  }
}
export function mark(event: string): void {
  (window.__interviewMarks ??= []).push({ event, at: performance.now() });
}

/** The seed's useAudioPlayer: Alex's voice through Web Audio, sentence by sentence as it arrives. */
export function useAudioPlayer(opts: { onError?: (message: string) => void } = {}): AudioPlayer {
  const ctxRef = useRef<AudioContext | null>(null);
  const sources = useRef(new Set<AudioBufferSourceNode>());
  const abort = useRef<AbortController | null>(null);
  const [playing, setPlaying] = useState(false);
  const [caption, setCaption] = useState('');
  const onError = useRef(opts.onError);
  onError.current = opts.onError;

  const unlock = useCallback(async () => {
    ctxRef.current ??= new AudioContext();
    if (ctxRef.current.state === 'suspended') await ctxRef.current.resume().catch(() => undefined);
  }, []);

  const stop = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    for (const s of sources.current) {
      try {
        s.stop();
      } catch {
        /* already stopped */
      }
    }
    sources.current.clear();
    setPlaying(false);
    setCaption('');
  }, []);

  const speak = useCallback<AudioPlayer['speak']>(
    async (text, fetchAudio) => {
      stop();
      await unlock();
      const ctx = ctxRef.current!;
      const ctl = new AbortController();
      abort.current = ctl;
      const chunks = speakableChunks(text);
      // All requests start now; playback follows sentence order.
      const pending = chunks.map((c) => fetchAudio(c, ctl.signal).then((bytes) => ctx.decodeAudioData(bytes)));
      pending.forEach((p) => p.catch(() => undefined));
      let at = 0;
      setPlaying(true);
      try {
        for (let i = 0; i < chunks.length; i++) {
          const buffer = await pending[i]!;
          if (ctl.signal.aborted) return;
          const src = ctx.createBufferSource();
          src.buffer = buffer;
          src.connect(ctx.destination);
          const startAt = Math.max(ctx.currentTime, at);
          src.start(startAt);
          if (i === 0) mark('first-sound');
          at = startAt + buffer.duration;
          sources.current.add(src);
          const sentence = chunks[i]!;
          const delay = Math.max(0, (startAt - ctx.currentTime) * 1000);
          setTimeout(() => !ctl.signal.aborted && setCaption(sentence), delay);
          src.onended = () => {
            sources.current.delete(src);
            if (!sources.current.size && i === chunks.length - 1 && abort.current === ctl) {
              setPlaying(false);
              setCaption('');
            }
          };
        }
      } catch (e) {
        if (ctl.signal.aborted) return;
        setPlaying(false);
        setCaption('');
        onError.current?.(e instanceof Error && e.message ? e.message : 'Alex\'s voice could not be played; the interview continues in text.');
      }
    },
    [stop, unlock],
  );

  useEffect(() => () => {
    stop();
    void ctxRef.current?.close();
  }, [stop]);

  return { playing, caption, unlock, speak, stop };
}
