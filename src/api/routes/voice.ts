/**
 * The seed's voice routes:
 *   POST /api/voice/transcribe  multipart `audio` file (+ `language`, `prompt`) -> { text, provider, model, duration_s }
 *   POST /api/voice/synthesize  { text, voice, language } -> audio bytes, Content-Type by format, x-tts-provider header
 *   GET  /api/voice/voices      presets and the current speech mode
 * Errors are JSON { error, message } with a stable code a client can branch on.
 */
import { languageOf, unknownLanguageMessage } from '../../engine/language.ts';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../../config.ts';
import { createSpeechStack, type SpeechStack } from '../../gpu/stack.ts';
import { NoSpeechProvider, SpeechError } from '../../gpu/errors.ts';
import { UploadError, prepareUpload } from '../../gpu/stt/decode-upload.ts';
import type { SttAudio } from '../../gpu/stt/types.ts';
import { TTS_CONTENT_TYPES } from '../../gpu/tts/types.ts';
import { DEFAULT_VOICE, VOICE_PRESETS, VOICE_PRESET_NAMES, isVoicePreset } from '../../gpu/tts/voices.ts';
import type { HealthSources } from '../health.ts';
import { docSchema, documentOnlySchemas } from '../openapi.ts';
import { ErrorBody, SynthesizeBody, TranscribeForm, TranscribeResult, VoicesBody } from '../schemas.ts';

type SpeechConfig = Pick<Config, 'MAX_AUDIO_BYTES' | 'MAX_AUDIO_SECONDS' | 'MAX_TTS_CHARS' | 'STT_LANGUAGE' | 'TTS_VOICE'>;

export interface VoiceRoutesOptions {
  /** The process's shared speech stack; when absent the plugin builds one from config and owns it. */
  speech?: SpeechStack;
  /** Missing speech settings take their documented defaults. */
  config: Partial<Config>;
  logger?: Logger;
  /** When given, /health reports the GPU server and the voice fallbacks from this stack. */
  healthSources?: HealthSources;
}

type ErrorCode = 'unsupported_audio' | 'audio_too_large' | 'audio_too_long' | 'no_speech_service' | 'missing_audio' | 'bad_request' | 'text_too_long' | 'unknown_voice' | 'unknown_language' | 'speech_failed';

function fail(reply: FastifyReply, status: number, error: ErrorCode, message: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).type('application/json').send({ error, message, ...extra });
}

const LANGUAGE = /^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})?$|^auto$/;

export const voiceRoutes: FastifyPluginAsync<VoiceRoutesOptions> = async (app: FastifyInstance, opts: VoiceRoutesOptions) => {
  const full: Config = { ...loadConfig({}), ...definedOnly(opts.config) };
  const config: SpeechConfig = full;
  const log = opts.logger ?? app.log;
  const speech: SpeechStack = opts.speech ?? ownStack(app, full, opts.logger);
  if (opts.healthSources) attachHealth(opts.healthSources, speech);
  if (!app.hasContentTypeParser('multipart/form-data')) await app.register(multipart);
  // The schemas below document the routes; the handlers check their input themselves.
  documentOnlySchemas(app);

  app.get('/api/voice/voices', { schema: VOICES_DOC }, async () => ({
    default: isVoicePreset(config.TTS_VOICE) ? config.TTS_VOICE : DEFAULT_VOICE,
    voices: VOICE_PRESET_NAMES.map((name) => ({ name, description: VOICE_PRESETS[name].description })),
    mode: speech.mode(),
  }));

  app.post('/api/voice/transcribe', { schema: TRANSCRIBE_DOC }, async (req, reply) => {
    if (speech.stt.available().length === 0) return fail(reply, 503, 'no_speech_service', 'Speech-to-text is not available right now (the GPU speech server is down and no cloud fallback is configured). Type your answer instead.', { mode: speech.mode() });
    if (!req.isMultipart()) return fail(reply, 415, 'unsupported_audio', "Send multipart/form-data with the recording in an 'audio' file field.");

    let audio: Buffer | undefined;
    const fields: Record<string, string> = {};
    try {
      for await (const part of req.parts({ limits: { fileSize: config.MAX_AUDIO_BYTES, files: 1, fields: 8, fieldSize: 8192 } })) {
        if (part.type === 'file') {
          if (part.fieldname === 'audio' || part.fieldname === 'file') audio = await part.toBuffer();
          else await part.toBuffer();
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') return fail(reply, 413, 'audio_too_large', `The recording is larger than ${formatBytes(config.MAX_AUDIO_BYTES)}.`, { max_bytes: config.MAX_AUDIO_BYTES });
      if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return fail(reply, 400, 'bad_request', 'Send one audio file and at most a few fields.');
      return fail(reply, 400, 'bad_request', 'The multipart body could not be read.');
    }
    if (!audio || audio.length === 0) return fail(reply, 400, 'missing_audio', "No recording: put it in an 'audio' file field.");
    const language = fields.language?.trim() || config.STT_LANGUAGE;
    if (!LANGUAGE.test(language)) return fail(reply, 400, 'bad_request', `'${language.slice(0, 20)}' is not a language code (e.g. en, de, pt-BR).`);

    let input: SttAudio;
    let durationS: number | undefined;
    try {
      const prepared = await prepareUpload(audio, { maxSeconds: config.MAX_AUDIO_SECONDS });
      durationS = prepared.durationS;
      if (prepared.kind === 'pcm') {
        input = { pcm16: prepared.pcm16, sampleRate: prepared.sampleRate };
      } else {
        if (!speech.stt.accepts(prepared.as)) return fail(reply, 415, 'unsupported_audio', `The speech service available now cannot read ${prepared.as} audio; send WAV, Ogg/Opus or WebM/Opus.`);
        input = prepared.durationS === undefined ? { encoded: prepared.encoded, format: prepared.as } : { encoded: prepared.encoded, format: prepared.as, durationS: prepared.durationS };
      }
    } catch (e) {
      if (e instanceof UploadError) return e.code === 'audio_too_long' ? fail(reply, 400, 'audio_too_long', `${capitalise(e.message)}.`, { max_seconds: config.MAX_AUDIO_SECONDS }) : fail(reply, 415, 'unsupported_audio', `${capitalise(e.message)}.`);
      throw e;
    }

    try {
      const prompt = fields.prompt?.trim();
      const result = await speech.stt.transcribe(input, { language, ...(prompt ? { prompt } : {}) });
      const body: Record<string, unknown> = { text: result.text, provider: result.provider, model: result.model, duration_s: round3(result.durationS ?? durationS ?? 0) };
      if (result.fallbackFrom) body.fallback_from = result.fallbackFrom;
      return reply.send(body);
    } catch (e) {
      return speechFailure(reply, e, 'stt', log);
    }
  });

  app.post('/api/voice/synthesize', { schema: SYNTHESIZE_DOC }, async (req, reply) => {
    const body = (req.body ?? {}) as { text?: unknown; voice?: unknown; language?: unknown };
    if (typeof body.text !== 'string' || !body.text.trim()) return fail(reply, 400, 'bad_request', "Send JSON with a non-empty 'text' string.");
    const text = body.text.trim();
    if (text.length > config.MAX_TTS_CHARS) return fail(reply, 400, 'text_too_long', `The text is ${text.length} characters; the limit is ${config.MAX_TTS_CHARS}.`, { max_chars: config.MAX_TTS_CHARS });
    if (body.voice !== undefined && !isVoicePreset(body.voice)) return fail(reply, 400, 'unknown_voice', `Unknown voice; choose one of: ${VOICE_PRESET_NAMES.join(', ')}.`, { voices: [...VOICE_PRESET_NAMES] });
    const voice = isVoicePreset(body.voice) ? body.voice : isVoicePreset(config.TTS_VOICE) ? config.TTS_VOICE : DEFAULT_VOICE;
    // The interview's language picks a voice that speaks it (and tells XTTS which language to speak).
    const language = typeof body.language === 'string' ? languageOf(body.language) : undefined;
    if (body.language !== undefined && !language) return fail(reply, 400, 'unknown_language', unknownLanguageMessage(String(body.language)));
    if (speech.tts.available().length === 0) return fail(reply, 503, 'no_speech_service', 'Text-to-speech is not available right now; the interview continues in text.', { mode: speech.mode() });
    try {
      const result = await speech.tts.synthesize(text, { voice, ...(language ? { language } : {}) });
      reply.header('content-type', TTS_CONTENT_TYPES[result.format]).header('x-tts-provider', result.provider).header('x-tts-voice', voice);
      if (result.fallbackFrom) reply.header('x-tts-fallback-from', result.fallbackFrom);
      if (result.sampleRate) reply.header('x-audio-sample-rate', String(result.sampleRate));
      return reply.send(result.audio);
    } catch (e) {
      return speechFailure(reply, e, 'tts', log);
    }
  });
};

// What /openapi.json says about these routes (src/api/openapi.ts); the handlers check input themselves.
const TAGS = ['voice'];
const err = (description: string) => ({ description, schema: ErrorBody });
const VOICES_DOC = docSchema({
  method: 'GET',
  url: '/api/voice/voices',
  operationId: 'listVoices',
  summary: 'Voice presets and the speech mode now',
  tags: TAGS,
  secured: true,
  responses: { 200: { description: 'Presets, the default, and which speech services would answer now.', schema: VoicesBody } },
});
const TRANSCRIBE_DOC = docSchema({
  method: 'POST',
  url: '/api/voice/transcribe',
  operationId: 'transcribeAudio',
  summary: 'Speech to text: a recorded answer as text',
  description: 'multipart/form-data with the recording in an "audio" file field. Tries the GPU server\'s Whisper first, then OpenAI whisper-1 when configured.',
  tags: TAGS,
  secured: true,
  consumes: ['multipart/form-data'],
  body: TranscribeForm,
  responses: {
    200: { description: 'The transcript and which service made it.', schema: TranscribeResult },
    400: err('missing_audio, audio_too_long (max_seconds) or bad_request (an unreadable form or language code).'),
    413: err('audio_too_large: the recording is over MAX_AUDIO_BYTES (max_bytes).'),
    415: err('unsupported_audio: not multipart, or audio the available service cannot read.'),
    502: err('speech_failed: every speech service failed; try again shortly.'),
    503: err('no_speech_service: no speech-to-text service is available now (mode says which are); type the answer instead.'),
  },
});
const SYNTHESIZE_DOC = docSchema({
  method: 'POST',
  url: '/api/voice/synthesize',
  operationId: 'synthesizeSpeech',
  summary: 'Text to speech: Alex\'s voice for a text',
  description: 'Answers with audio bytes; Content-Type names the format, x-tts-provider the service (x-tts-fallback-from when a fallback answered).',
  tags: TAGS,
  secured: true,
  body: SynthesizeBody,
  responses: {
    200: { description: 'Audio in the format the answering service made; Content-Type says which.', contentType: TTS_CONTENT_TYPES['ogg-opus'], alsoContentTypes: [...new Set(Object.values(TTS_CONTENT_TYPES))].filter((t) => t !== TTS_CONTENT_TYPES['ogg-opus']) },
    400: err('bad_request (no text), text_too_long (max_chars), unknown_voice (voices) or unknown_language.'),
    502: err('speech_failed: every speech service failed; the interview continues in text.'),
    503: err('no_speech_service: no text-to-speech service is available now.'),
  },
});

function speechFailure(reply: FastifyReply, e: unknown, capability: 'stt' | 'tts', log: Pick<Logger, 'warn'>): FastifyReply {
  const what = capability === 'stt' ? 'transcribe the recording' : 'synthesise speech';
  if (e instanceof NoSpeechProvider) {
    log.warn({ capability, tried: e.tried, kinds: e.errors.map((x) => x.kind) }, 'no speech provider answered');
    if (e.tried.length === 0) return fail(reply, 503, 'no_speech_service', `No speech service is available to ${what} right now.`);
    if (e.errors.length > 0 && e.errors.every((x) => x.kind === 'unsupported')) return fail(reply, 415, 'unsupported_audio', 'The speech service cannot read this audio format.');
    return fail(reply, 502, 'speech_failed', `Could not ${what}: every speech service failed (${e.tried.join(', ')}). Try again shortly.`);
  }
  if (e instanceof SpeechError) return fail(reply, 502, 'speech_failed', `Could not ${what} (${e.kind}).`);
  throw e;
}

/** Used when the server passes no shared stack: probe from here, stop with the server. */
function ownStack(app: FastifyInstance, config: Config, logger?: Logger): SpeechStack {
  const owned = createSpeechStack({ config, ...(logger ? { logger } : {}) });
  owned.start();
  app.addHook('onClose', async () => owned.stop());
  return owned;
}

/**
 * /health learns the GPU server's state (per service) and which voice fallbacks work, from the
 * stack. A provider whose latest call failed counts as down until it answers again, so /health
 * changes the moment synthesis or transcription fails rather than when a breaker opens.
 */
function attachHealth(sources: HealthSources, speech: SpeechStack): void {
  const failures = () => ({ ...speech.stt.failures?.(), ...speech.tts.failures?.() });
  const working = (names: string[]) => {
    const failed = failures();
    return names.filter((n) => !failed[n]);
  };
  sources.gpu = () => {
    const st = speech.gpuStatus();
    const failed = failures();
    const stt = working(speech.stt.available())[0] === 'gpu-whisper';
    const tts = working(speech.tts.available())[0] === 'gpu-xtts';
    const detail = st.lastError ?? (failed['gpu-whisper'] || failed['gpu-xtts'] ? `latest call failed (${[failed['gpu-whisper'] && `speech-to-text: ${failed['gpu-whisper']}`, failed['gpu-xtts'] && `text-to-speech: ${failed['gpu-xtts']}`].filter(Boolean).join(', ')})` : undefined);
    return {
      configured: st.configured,
      ok: st.up && !failed['gpu-whisper'] && !failed['gpu-xtts'],
      ...(detail ? { detail } : {}),
      ...(st.configured ? { services: { stt, tts, embeddings: speech.gpuEmbeddingsAvailable() } } : {}),
    };
  };
  sources.voiceFallback = () => ({ edgeTts: working(speech.tts.available()).includes('edge-tts'), cloudStt: working(speech.stt.available()).includes('openai-whisper') });
  // Speech as a whole: degraded while any configured provider's latest call failed.
  sources.components = {
    ...sources.components,
    speech: () => {
      const failed = Object.entries(failures());
      const configured = speech.stt.available().length + speech.tts.available().length + failed.length > 0;
      return { configured, ok: failed.length === 0, ...(failed.length ? { detail: `latest call failed: ${failed.map(([n, k]) => `${n} (${k})`).join(', ')}` } : {}) };
    },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.round(n / 1024)} KB`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export default voiceRoutes;
