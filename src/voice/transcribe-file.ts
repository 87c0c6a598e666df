/**
 * A recorded clip (a Discord voice message, a Slack audio clip, an upload) to text. WAV,
 * Ogg/Opus and WebM/Opus are decoded here to 16 kHz mono, so every STT provider can take
 * them; other formats (mp3, m4a, flac, Ogg Vorbis) go to the provider as they are, only
 * when one that accepts them is available, and fail with a plain message otherwise.
 */
import { prepareUpload, UploadError } from '../gpu/stt/decode-upload.ts';
import { AppError } from '../resilience/errors.ts';
import type { SpeechToText, TranscribeOptions, TranscribeResult } from '../gpu/stt/types.ts';

export type AudioFileErrorCode = 'too_large' | 'unsupported_audio' | 'audio_too_long' | 'no_speech_service';

/** A failure whose message is written for the person who sent the clip. */
export class AudioFileError extends AppError {
  readonly code: AudioFileErrorCode;
  constructor(code: AudioFileErrorCode, message: string) {
    super({ kind: 'user', message, retryable: false, safeMessage: message });
    this.name = 'AudioFileError';
    this.code = code;
  }
}

export interface AudioFileLimits {
  maxBytes?: number;
  maxSeconds?: number;
}

export interface TranscribeFileOptions extends TranscribeOptions, AudioFileLimits {
  signal?: AbortSignal;
}

const MIME_HINT: Record<string, string> = { 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/mp4': 'm4a', 'audio/x-m4a': 'm4a', 'audio/aac': 'aac', 'audio/flac': 'flac' };

/** Full result (provider, model, timing) for callers that want it. */
export async function transcribeAudioFileResult(speech: { stt: SpeechToText }, bytes: Buffer, contentType: string, opts: TranscribeFileOptions = {}): Promise<TranscribeResult> {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  if (bytes.length > maxBytes) {
    throw new AudioFileError('too_large', `That recording is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB.`);
  }
  let prepared;
  try {
    prepared = await prepareUpload(bytes, { maxSeconds: opts.maxSeconds ?? 120 });
  } catch (e) {
    if (e instanceof UploadError) {
      if (e.code === 'audio_too_long') throw new AudioFileError('audio_too_long', `That recording is too long: ${e.message}.`);
      const hint = MIME_HINT[contentType.split(';')[0]!.trim().toLowerCase()];
      throw new AudioFileError('unsupported_audio', `I can't read that recording${hint ? ` (${hint})` : ''}: ${e.message}. Voice messages, WAV and Ogg/Opus files work.`);
    }
    throw e;
  }
  const stt = { ...(opts.language ? { language: opts.language } : {}), ...(opts.prompt ? { prompt: opts.prompt } : {}), ...(opts.model ? { model: opts.model } : {}) };
  if (prepared.kind === 'pcm') return speech.stt.transcribe({ pcm16: prepared.pcm16, sampleRate: prepared.sampleRate }, stt, opts.signal);
  if (!speech.stt.accepts(prepared.as)) {
    throw new AudioFileError(
      'unsupported_audio',
      `I can't transcribe ${prepared.as} recordings with the speech service that is running now. Please send a voice message, or a WAV or Ogg/Opus file.`,
    );
  }
  return speech.stt.transcribe(
    prepared.durationS === undefined ? { encoded: prepared.encoded, format: prepared.as } : { encoded: prepared.encoded, format: prepared.as, durationS: prepared.durationS },
    stt,
    opts.signal,
  );
}

/** The clip's words ('' when nothing was said). */
export async function transcribeAudioFile(speech: { stt: SpeechToText }, bytes: Buffer, contentType: string, opts: TranscribeFileOptions = {}): Promise<string> {
  return (await transcribeAudioFileResult(speech, bytes, contentType, opts)).text.trim();
}
