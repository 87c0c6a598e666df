/**
 * The speech stack the surfaces use: chained STT and TTS built from config, the GPU
 * health probe that steers them, and the voice mode to tell users about.
 *
 *   STT: GPU server (Whisper) -> OpenAI whisper-1 (when OPENAI_API_KEY is set)
 *   TTS: GPU server (XTTS)    -> Edge TTS (unless EDGE_TTS_ENABLED=false)
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { FallbackChain, type ChainMember } from '../resilience/fallback-chain.ts';
import { NoSpeechProvider } from './errors.ts';
import type { BreakerOptions } from '../resilience/breaker.ts';
import { GpuHealth, type GpuStatus } from './health.ts';
import { OpenAICompatibleStt } from './stt/openai-compatible.ts';
import type { EncodedFormat, SpeechToText, SttAudio, TranscribeOptions, TranscribeResult } from './stt/types.ts';
import { EdgeTts } from './tts/edge.ts';
import { OpenAISpeechTts } from './tts/openai-speech.ts';
import type { SynthesisResult, SynthesizeOptions, TextToSpeech } from './tts/types.ts';

export type VoiceMode = 'gpu' | 'cloud-stt+edge-tts' | 'edge-tts' | 'text-only';

export interface SpeechMode {
  /**
   * Coarse mode for the one-line announcement: 'gpu' when both directions run on the GPU
   * server, 'cloud-stt+edge-tts' when both work through fallbacks, 'edge-tts' when only
   * speaking works (answers are typed), 'text-only' when the bot cannot speak.
   */
  voice: VoiceMode;
  stt: string | null;
  tts: string | null;
}

export interface ChainedStt extends SpeechToText {
  /** Providers that would be tried now, in order (optionally only those taking `format` undecoded). */
  available(format?: EncodedFormat): string[];
  /** Providers whose latest call failed, with the kind of failure (see SpeechChain.recentFailures). */
  failures?(): Record<string, string>;
}

export interface ChainedTts extends TextToSpeech {
  available(): string[];
  failures?(): Record<string, string>;
}

export interface SpeechStack {
  stt: ChainedStt;
  tts: ChainedTts;
  health: GpuHealth;
  mode(): SpeechMode;
  /** Called when mode().voice changes; returns an unsubscribe. */
  onModeChange(listener: (now: SpeechMode, before: SpeechMode) => void): () => void;
  gpuStatus(): GpuStatus;
  gpuEmbeddingsAvailable(): boolean;
  /** Starts the health probe. */
  start(): void;
  stop(): void;
}

export interface SpeechStackOptions {
  config: Config;
  logger?: Logger;
  /** Replace the providers built from config (tests, or a surface with its own). */
  sttProviders?: ChainMember<SpeechToText>[];
  ttsProviders?: ChainMember<TextToSpeech>[];
  health?: GpuHealth;
  breaker?: BreakerOptions;
  backoffMs?: number;
}

export function sttProvidersFromConfig(c: Config): ChainMember<SpeechToText>[] {
  const out: ChainMember<SpeechToText>[] = [];
  if (c.GPU_SERVER_URL) {
    out.push({
      name: 'gpu-whisper',
      gpu: true,
      timeoutMs: c.STT_TIMEOUT_MS,
      provider: new OpenAICompatibleStt({ name: 'gpu-whisper', baseURL: `${c.GPU_SERVER_URL}/v1`, apiKey: c.GPU_SERVER_API_KEY, model: c.STT_MODEL, modelOverridable: true, defaultLanguage: c.STT_LANGUAGE, ...sttFilters(c) }),
    });
  }
  if (c.OPENAI_API_KEY) {
    out.push({
      name: 'openai-whisper',
      gpu: false,
      timeoutMs: c.STT_TIMEOUT_MS,
      provider: new OpenAICompatibleStt({
        name: 'openai-whisper',
        baseURL: c.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
        apiKey: c.OPENAI_API_KEY,
        model: c.OPENAI_STT_MODEL,
        acceptsEncoded: ['mp3', 'm4a', 'webm', 'ogg', 'flac'],
        defaultLanguage: c.STT_LANGUAGE,
        // OpenAI's gpt-4o transcription models answer json only.
        ...sttFilters(c, /^gpt-/.test(c.OPENAI_STT_MODEL) ? 'json' : undefined),
      }),
    });
  }
  return out;
}

function sttFilters(c: Config, format?: 'json'): { responseFormat: 'json' | 'verbose_json'; segmentFilter: { noSpeechProb: number; minAvgLogprob: number } } {
  return { responseFormat: format ?? c.STT_RESPONSE_FORMAT, segmentFilter: { noSpeechProb: c.STT_NO_SPEECH_PROB, minAvgLogprob: c.STT_MIN_AVG_LOGPROB } };
}

export function ttsProvidersFromConfig(c: Config): ChainMember<TextToSpeech>[] {
  const out: ChainMember<TextToSpeech>[] = [];
  if (c.GPU_SERVER_URL) {
    out.push({ name: 'gpu-xtts', gpu: true, timeoutMs: c.TTS_TIMEOUT_MS, provider: new OpenAISpeechTts({ name: 'gpu-xtts', baseURL: `${c.GPU_SERVER_URL}/v1`, apiKey: c.GPU_SERVER_API_KEY, model: c.TTS_MODEL }) });
  }
  if (c.EDGE_TTS_ENABLED) out.push({ name: 'edge-tts', gpu: false, timeoutMs: c.TTS_TIMEOUT_MS, provider: new EdgeTts() });
  return out;
}

export function createSpeechStack(o: SpeechStackOptions): SpeechStack {
  const c = o.config;
  const health = o.health ?? new GpuHealth({ url: c.GPU_SERVER_URL, apiKey: c.GPU_SERVER_API_KEY, intervalMs: c.GPU_HEALTH_INTERVAL_MS, embeddingsModel: c.EMBEDDINGS_MODEL, ...(o.logger ? { logger: o.logger } : {}) });
  const listeners = new Set<(now: SpeechMode, before: SpeechMode) => void>();
  let announced: SpeechMode | null = null;
  const settle = () => {
    const now = computeMode();
    if (announced && announced.voice === now.voice) return;
    const before = announced;
    announced = now;
    if (!before) return;
    o.logger?.info({ speech: now, before }, 'speech mode changed');
    for (const l of listeners) l(now, before);
  };
  const common = { health, ...(o.logger ? { logger: o.logger } : {}), ...(o.breaker ? { breaker: o.breaker } : {}), ...(o.backoffMs !== undefined ? { backoffMs: o.backoffMs } : {}), onSettled: settle };
  const sttChain = new FallbackChain(o.sttProviders ?? sttProvidersFromConfig(c), { capability: 'stt', noneAnswered: (tried, errors) => new NoSpeechProvider('stt', tried, errors), deadlineMs: c.STT_TIMEOUT_MS * 2, ...common });
  const ttsChain = new FallbackChain(o.ttsProviders ?? ttsProvidersFromConfig(c), { capability: 'tts', noneAnswered: (tried, errors) => new NoSpeechProvider('tts', tried, errors), deadlineMs: c.TTS_TIMEOUT_MS * 2, ...common });

  function computeMode(): SpeechMode {
    const s = sttChain.available()[0];
    const t = ttsChain.available()[0];
    const voice: VoiceMode = s?.gpu && t?.gpu ? 'gpu' : s && t ? 'cloud-stt+edge-tts' : t ? 'edge-tts' : 'text-only';
    return { voice, stt: s?.name ?? null, tts: t?.name ?? null };
  }

  health.onChange((now) => {
    if (now.up) {
      sttChain.resetGpu();
      ttsChain.resetGpu();
    }
    settle();
  });
  announced = computeMode();

  const stt: ChainedStt = {
    name: 'speech-stt-chain',
    accepts: (format) => sttChain.available((p) => p.accepts(format)).length > 0,
    available: (format) => sttChain.available(format ? (p) => p.accepts(format) : undefined).map((m) => m.name),
    failures: () => sttChain.recentFailures(),
    async transcribe(audio: SttAudio, opts: TranscribeOptions = {}, signal?: AbortSignal): Promise<TranscribeResult> {
      const accept = 'encoded' in audio ? (p: SpeechToText) => p.accepts(audio.format) : undefined;
      const out = await sttChain.run((p, sig) => p.transcribe(audio, opts, sig), { ...(signal ? { signal } : {}), ...(accept ? { accept } : {}) });
      return out.fallbackFrom ? { ...out.value, provider: out.provider, fallbackFrom: out.fallbackFrom } : { ...out.value, provider: out.provider };
    },
  };
  const tts: ChainedTts = {
    name: 'speech-tts-chain',
    available: () => ttsChain.available().map((m) => m.name),
    failures: () => ttsChain.recentFailures(),
    async synthesize(text: string, opts: SynthesizeOptions = {}, signal?: AbortSignal): Promise<SynthesisResult> {
      const out = await ttsChain.run((p, sig) => p.synthesize(text, opts, sig), signal ? { signal } : {});
      return out.fallbackFrom ? { ...out.value, provider: out.provider, fallbackFrom: out.fallbackFrom } : { ...out.value, provider: out.provider };
    },
  };

  return {
    stt,
    tts,
    health,
    mode: computeMode,
    onModeChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    gpuStatus: () => health.status(),
    gpuEmbeddingsAvailable: () => health.gpuEmbeddingsAvailable(),
    start: () => health.start(),
    stop: () => health.stop(),
  };
}
