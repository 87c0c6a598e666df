/**
 * Speech-to-text over the OpenAI transcription API shape, which the self-hosted servers
 * copy: speaches / faster-whisper-server, whisper.cpp's server started with
 * `--inference-path /v1/audio/transcriptions`, LocalAI; and OpenAI's own whisper-1.
 * Retries are the chain's job, so the SDK's own are off.
 */
import OpenAI, { toFile } from 'openai';
import { SpeechError, fromOpenAIError } from '../errors.ts';
import { WavFormatError } from '../../audio/errors.ts';
import { isHallucination, keepSpokenSegments, SEGMENT_FILTER_DEFAULTS, type SegmentFilter, type WhisperSegment } from './hallucinations.ts';
import { toWav16kMono } from './prepare.ts';
import type { EncodedFormat, SpeechToText, SttAudio, TranscribeOptions, TranscribeResult } from './types.ts';

export interface OpenAICompatibleSttOptions {
  /** 'gpu-whisper' or 'openai-whisper': what results and logs call this provider. */
  name: string;
  /** Including /v1, e.g. http://gpu:8000/v1. */
  baseURL: string;
  apiKey?: string | undefined;
  model: string;
  /** Whether opts.model may replace `model` (true for self-hosted servers, whose models we choose). */
  modelOverridable?: boolean;
  /** Compressed formats the server decodes itself; self-hosted servers get WAV only. */
  acceptsEncoded?: readonly EncodedFormat[];
  defaultLanguage?: string | undefined;
  /**
   * 'verbose_json' (default) returns per-segment no-speech and log-probabilities, so segments
   * Whisper made up on silence or noise are dropped; 'json' for servers without it.
   */
  responseFormat?: 'json' | 'verbose_json';
  segmentFilter?: SegmentFilter;
}

const MIME: Record<EncodedFormat, string> = { mp3: 'audio/mpeg', m4a: 'audio/mp4', webm: 'audio/webm', ogg: 'audio/ogg', flac: 'audio/flac' };
/** Whisper reads at most 224 prompt tokens; the most recent context matters most. */
const MAX_PROMPT_CHARS = 800;

export class OpenAICompatibleStt implements SpeechToText {
  readonly name: string;
  private readonly client: OpenAI;
  private readonly opts: OpenAICompatibleSttOptions;

  constructor(options: OpenAICompatibleSttOptions) {
    this.name = options.name;
    this.opts = options;
    // A self-hosted server usually has no key, but the SDK insists on one.
    this.client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? 'none', maxRetries: 0, timeout: 600_000 });
  }

  accepts(format: EncodedFormat): boolean {
    return (this.opts.acceptsEncoded ?? []).includes(format);
  }

  async transcribe(audio: SttAudio, opts: TranscribeOptions = {}, signal?: AbortSignal): Promise<TranscribeResult> {
    const started = performance.now();
    const model = (this.opts.modelOverridable && opts.model) || this.opts.model;
    let file: Awaited<ReturnType<typeof toFile>>;
    let durationS: number | undefined;
    if ('encoded' in audio) {
      if (!this.accepts(audio.format)) throw new SpeechError({ provider: this.name, kind: 'unsupported', message: `${audio.format} audio is not accepted; send WAV` });
      file = await toFile(audio.encoded, `speech.${audio.format}`, { type: MIME[audio.format] });
      durationS = audio.durationS;
    } else {
      let prepared: { wav: Buffer; durationS: number };
      try {
        prepared = await toWav16kMono(audio);
      } catch (e) {
        if (e instanceof WavFormatError) throw new SpeechError({ provider: this.name, kind: 'bad_request', message: `unreadable WAV: ${e.message}`, cause: e });
        throw e;
      }
      file = await toFile(prepared.wav, 'speech.wav', { type: 'audio/wav' });
      durationS = prepared.durationS;
    }
    const language = normaliseLanguage(opts.language ?? this.opts.defaultLanguage);
    const prompt = opts.prompt?.trim() ? opts.prompt.trim().slice(-MAX_PROMPT_CHARS) : undefined;
    let text: string;
    let dropped = 0;
    const format = this.opts.responseFormat ?? 'verbose_json';
    try {
      const res = await this.client.audio.transcriptions.create(
        { file, model, response_format: format, ...(language ? { language } : {}), ...(prompt ? { prompt } : {}) },
        signal ? { signal } : {},
      );
      const body = res as { text?: unknown; segments?: unknown };
      if (typeof body.text !== 'string') throw new SpeechError({ provider: this.name, kind: 'malformed', message: 'transcription response has no text field', retryable: false });
      text = body.text;
      if (Array.isArray(body.segments) && body.segments.every(isSegment)) {
        const kept = keepSpokenSegments(body.segments, this.opts.segmentFilter ?? SEGMENT_FILTER_DEFAULTS);
        if (kept.dropped > 0) text = kept.text;
        dropped = kept.dropped;
      }
    } catch (e) {
      throw fromOpenAIError(this.name, e, false);
    }
    if (isHallucination(text)) {
      dropped++;
      text = '';
    }
    const result: TranscribeResult = { text: text.trim(), provider: this.name, model, ms: Math.round(performance.now() - started) };
    if (durationS !== undefined) result.durationS = Math.round(durationS * 1000) / 1000;
    if (dropped > 0) result.droppedSegments = dropped;
    return result;
  }
}

function isSegment(x: unknown): x is WhisperSegment {
  return typeof x === 'object' && x !== null && typeof (x as { text?: unknown }).text === 'string';
}

/** Whisper takes ISO 639-1 ('en'), not locale tags ('en-US'). */
export function normaliseLanguage(lang: string | undefined): string | undefined {
  const l = lang?.trim().toLowerCase();
  if (!l || l === 'auto') return undefined;
  return l.split(/[-_]/)[0];
}
