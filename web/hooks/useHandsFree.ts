import { useEffect, useRef, useState } from 'react';
import { mark } from './useAudioPlayer.ts';

export interface HandsFreeOptions {
  enabled: boolean;
  /** The microphone stream to listen on (echo-cancelled), from useMicrophone. */
  getStream: () => Promise<MediaStream>;
  onSpeechStart: () => void;
  /** One finished utterance, as a 16 kHz mono WAV. */
  onSpeechEnd: (wav: Blob) => void;
  /** Silence that ends a turn. */
  endSilenceMs?: number;
  assetBase?: string;
}

export type HandsFreeState = 'off' | 'loading' | 'listening' | 'hearing' | 'error';

/**
 * Hands-free turns: Silero voice activity detection in the browser (@ricky0123/vad-web, its
 * model, worklet and ONNX Runtime WASM served by this server). Loaded only when switched on.
 */
export function useHandsFree(o: HandsFreeOptions): { state: HandsFreeState; error: string | null } {
  const [state, setState] = useState<HandsFreeState>('off');
  const [error, setError] = useState<string | null>(null);
  const cb = useRef(o);
  cb.current = o;

  useEffect(() => {
    if (!o.enabled) {
      setState('off');
      return;
    }
    let disposed = false;
    let vad: { start(): Promise<void>; destroy(): Promise<void> } | null = null;
    setState('loading');
    const base = o.assetBase ?? '/panel/';
    void (async () => {
      try {
        // The package is CommonJS: bundled, its exports arrive as the namespace's default.
        const ns = await import('@ricky0123/vad-web');
        const { MicVAD, utils } = typeof ns.MicVAD === 'function' ? ns : (ns as unknown as { default: typeof ns }).default;
        const stream = await cb.current.getStream();
        const created = await MicVAD.new({
          model: 'v5',
          baseAssetPath: `${base}vad/`,
          onnxWASMBasePath: `${base}ort/`,
          getStream: async () => stream,
          // The stream belongs to the microphone hook; the detector must not stop its tracks.
          pauseStream: async () => undefined,
          resumeStream: async () => stream,
          startOnLoad: false,
          redemptionMs: cb.current.endSilenceMs ?? 700,
          minSpeechMs: 300,
          preSpeechPadMs: 200,
          positiveSpeechThreshold: 0.5,
          negativeSpeechThreshold: 0.35,
          ortConfig: (ort) => {
            ort.env.wasm.numThreads = 1;
          },
          onSpeechRealStart: () => {
            setState('hearing');
            cb.current.onSpeechStart();
          },
          onVADMisfire: () => setState('listening'),
          onSpeechEnd: (audio: Float32Array) => {
            mark('speech-end');
            setState('listening');
            const wav = utils.encodeWAV(audio, 1, 16_000, 1, 16);
            cb.current.onSpeechEnd(new Blob([wav], { type: 'audio/wav' }));
          },
        });
        if (disposed) {
          await created.destroy();
          return;
        }
        vad = created;
        await created.start();
        setState('listening');
        setError(null);
      } catch (e) {
        if (disposed) return;
        setState('error');
        setError(e instanceof Error && e.message ? `Hands-free listening could not start (${e.message}). Use push-to-talk or type.` : 'Hands-free listening could not start. Use push-to-talk or type.');
      }
    })();
    return () => {
      disposed = true;
      void vad?.destroy();
    };
  }, [o.enabled, o.assetBase]);

  return { state, error };
}
