/**
 * Text-to-speech over the OpenAI speech API shape: XTTS v2 on the GPU server via
 * openedai-speech (model `tts-1-hd`) or Coqui's server (`/v1/audio/speech`), Kokoro or
 * Piper via speaches, LocalAI. `opus` comes back as Ogg/Opus, which @discordjs/voice
 * plays with StreamType.OggOpus without FFmpeg.
 */
import OpenAI from 'openai';
import { SpeechError, fromOpenAIError } from '../errors.ts';
import { sniffTtsAudio } from './sniff.ts';
import { voiceFor, xttsLanguage } from './voices.ts';
import type { SynthesisResult, SynthesizeOptions, TextToSpeech, TtsFormat } from './types.ts';

export interface OpenAISpeechTtsOptions {
  /** 'gpu-xtts': what results and logs call this provider. */
  name: string;
  /** Including /v1. */
  baseURL: string;
  apiKey?: string | undefined;
  model: string;
  responseFormat?: 'opus' | 'wav' | 'mp3' | 'pcm';
  /** Raw PCM from XTTS is 24 kHz; other servers may differ. */
  pcmSampleRate?: number;
}

const DECLARED: Record<NonNullable<OpenAISpeechTtsOptions['responseFormat']>, TtsFormat> = { opus: 'ogg-opus', wav: 'wav', mp3: 'mp3', pcm: 'pcm' };

export class OpenAISpeechTts implements TextToSpeech {
  readonly name: string;
  private readonly client: OpenAI;
  private readonly opts: OpenAISpeechTtsOptions;

  constructor(options: OpenAISpeechTtsOptions) {
    this.name = options.name;
    this.opts = options;
    this.client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? 'none', maxRetries: 0, timeout: 600_000 });
  }

  async synthesize(text: string, opts: SynthesizeOptions = {}, signal?: AbortSignal): Promise<SynthesisResult> {
    const started = performance.now();
    const responseFormat = this.opts.responseFormat ?? 'opus';
    let audio: Buffer;
    try {
      // XTTS speaks the language it is told (openedai-speech and Coqui's server read `language`); other servers ignore it.
      const language = xttsLanguage(opts.language);
      const res = await this.client.audio.speech.create(
        { model: this.opts.model, voice: voiceFor('xtts', opts.voice), input: text, response_format: responseFormat, ...(language ? { language } : {}) },
        signal ? { signal } : {},
      );
      audio = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      throw fromOpenAIError(this.name, e, false);
    }
    if (audio.length === 0) throw new SpeechError({ provider: this.name, kind: 'server', message: 'empty audio response' });
    // The bytes decide the format, not what was asked for: a server that answers mp3 to a
    // request for opus is still usable if the player is told the truth.
    let format = sniffTtsAudio(audio);
    if (!format) {
      if (DECLARED[responseFormat] !== 'pcm') throw new SpeechError({ provider: this.name, kind: 'malformed', message: `response is not ${responseFormat} audio`, retryable: false });
      format = 'pcm';
    }
    const result: SynthesisResult = { audio, format, provider: this.name, ms: Math.round(performance.now() - started) };
    if (format === 'pcm') result.sampleRate = this.opts.pcmSampleRate ?? 24_000;
    if (format === 'wav' && audio.length >= 28) result.sampleRate = audio.readUInt32LE(24);
    return result;
  }
}
