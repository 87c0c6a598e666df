/**
 * Microsoft Edge's read-aloud voices through msedge-tts 2.x: free and keyless, the voice
 * when the GPU server is down. Output is WebM/Opus (24 kHz mono), the only Opus format
 * the package exposes; @discordjs/voice plays it with StreamType.WebmOpus.
 *
 * One WebSocket per request (as the Python edge-tts does): the package reconnects a
 * dropped shared socket with a promise nobody can catch, so a fresh client per call is
 * the robust choice, and the handshake is small next to synthesis time.
 */
import { MsEdgeTTS, OUTPUT_FORMAT } from 'msedge-tts';
import type { Readable } from 'node:stream';
import { networkFailure } from '../../resilience/network.ts';
import { SpeechError } from '../errors.ts';
import { voiceFor } from './voices.ts';
import type { SynthesisResult, SynthesizeOptions, TextToSpeech } from './types.ts';

export interface EdgeTtsOptions {
  name?: string;
}

export class EdgeTts implements TextToSpeech {
  readonly name: string;

  constructor(options: EdgeTtsOptions = {}) {
    this.name = options.name ?? 'edge-tts';
  }

  async synthesize(text: string, opts: SynthesizeOptions = {}, signal?: AbortSignal): Promise<SynthesisResult> {
    const started = performance.now();
    if (signal?.aborted) throw new SpeechError({ provider: this.name, kind: 'aborted', message: 'request aborted', retryable: false });
    const tts = new MsEdgeTTS({});
    const onAbort = () => tts.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const opened = tts.setMetadata(voiceFor('edge', opts.voice, undefined, opts.language), OUTPUT_FORMAT.WEBM_24KHZ_16BIT_MONO_OPUS, {});
      // If the abort wins the race the promise still settles later: keep that from going unhandled.
      opened.catch(() => undefined);
      await Promise.race([opened, abortPromise(signal)]);
      const { audioStream } = tts.toStream(escapeXml(text));
      const audio = await collect(audioStream, signal);
      if (audio.length === 0) throw new SpeechError({ provider: this.name, kind: 'server', message: 'Edge TTS sent no audio' });
      return { audio, format: 'webm-opus', sampleRate: 24_000, provider: this.name, ms: Math.round(performance.now() - started) };
    } catch (e) {
      throw this.classify(e, signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      tts.close();
    }
  }

  private classify(e: unknown, signal?: AbortSignal): SpeechError {
    if (e instanceof SpeechError) return e;
    if (signal?.aborted) return new SpeechError({ provider: this.name, kind: 'aborted', message: 'request aborted', retryable: false, cause: e });
    const msg = e instanceof Error ? e.message : String(e);
    // The service answers 403 when its token scheme changes under the package: waiting will not help.
    const status = /Unexpected server response: (\d{3})/.exec(msg)?.[1];
    if (status === '403' || status === '401') return new SpeechError({ provider: this.name, kind: 'auth', status: Number(status), message: 'Edge TTS refused the connection (the service may have changed its token scheme)', cause: e });
    if (status === '429') return new SpeechError({ provider: this.name, kind: 'rate_limit', status: 429, message: 'Edge TTS is rate limiting', cause: e });
    if (status && Number(status) >= 500) return new SpeechError({ provider: this.name, kind: 'server', status: Number(status), message: `Edge TTS answered HTTP ${status}`, cause: e });
    const net = networkFailure(e);
    if (net) return new SpeechError({ provider: this.name, kind: 'network', message: `cannot reach Edge TTS (${net.code})`, retryable: net.retryable, cause: e });
    if (/closed before the synthesis completed/i.test(msg)) return new SpeechError({ provider: this.name, kind: 'server', message: 'Edge TTS closed the connection mid-answer', cause: e });
    return new SpeechError({ provider: this.name, kind: 'server', message: `Edge TTS failed: ${msg}`, cause: e });
  }
}

function collect(stream: Readable, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
    signal?.addEventListener('abort', () => {
      stream.destroy();
      reject(new SpeechError({ provider: 'edge-tts', kind: 'aborted', message: 'request aborted', retryable: false }));
    }, { once: true });
  });
}

function abortPromise(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(new SpeechError({ provider: 'edge-tts', kind: 'aborted', message: 'request aborted', retryable: false })), { once: true });
  });
}

/** The text goes inside SSML: markup characters in an answer must not become markup. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
