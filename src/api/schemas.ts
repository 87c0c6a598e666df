import { z } from 'zod';
import { LANGUAGE_CODES } from '../engine/language.ts';
import { INTERVIEW_TYPES } from '../engine/types.ts';

// Request and response shapes of the HTTP API. They validate requests and are turned into
// the OpenAPI document (openapi.ts), so the docs cannot drift from what the server accepts.

/** The named schemas, which become components in the OpenAPI document. Private: other modules' schemas stay out. */
export const apiSchemas = z.registry<{ id: string }>();
function named<S extends z.ZodType>(id: string, schema: S): S {
  apiSchemas.add(schema as z.ZodType, { id });
  return schema;
}

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const id = (what: string, max = 128) =>
  z.string().min(1).max(max).regex(NO_CONTROL, 'Must not contain control characters').describe(what);

export const ACTIONS = ['skip', 'repeat', 'end', 'pause', 'resume'] as const;

export const TypeParams = z.object({
  type: z.enum(INTERVIEW_TYPES).describe('Interview type: screening (5 questions), behavioral (6), technical (8) or customize (10).'),
});

export const SessionParams = z.object({ session_id: id('Session id returned by the start call.', 100) });
/** Control, bidirectional-override and zero-width characters make ids that look alike but differ. */
const USER_ID = /^[^\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]*$/;
const userId = (what: string) =>
  z.string().min(1).max(128).regex(USER_ID, 'Must not contain control, bidirectional or zero-width characters').describe(`${what} Compared after Unicode NFC normalisation.`);
const token = z.string().min(1).max(1024).describe('The user_token returned by start (for page links, where a header cannot be sent).');

export const UserParams = z.object({ user_id: userId('Your own stable id for the candidate.') });
export const TokenQuery = z.object({ token: token.optional() });
export const DashboardQuery = z.object({ user_id: userId('Candidate id to show.').optional(), token: token.optional() });

export const StartBody = named(
  'StartRequest',
  z.object({
    user_id: userId('Your own stable id for the candidate; history and the dashboard are kept per user_id.'),
    user_name: z.string().max(80).regex(NO_CONTROL, 'Must not contain control characters').optional().describe('How the interviewer addresses the candidate.'),
    voice_enabled: z.boolean().optional().describe('The client will speak and listen (see /api/voice/*); the interview itself is the same.'),
    role: z.string().max(120).optional().describe('Target role, e.g. "backend engineer", "data scientist" (default: software engineer).'),
    level: z.string().max(40).optional().describe('junior, mid (default) or senior.'),
    document_ids: z.array(z.string().min(1).max(100)).max(10).optional().describe('customize only: ids of documents already uploaded for this user.'),
    // Checked by the engine (codes, locales such as "pt-BR", names), which answers an unknown one with a 400 listing the choices.
    language: z.string().max(40).regex(NO_CONTROL, 'Must not contain control characters').optional().describe(`Interview language: ${LANGUAGE_CODES.join(', ')} (a locale such as "pt-BR" works too; default en). Questions, the interviewer's words, the report and speech use it.`),
  }));

export const RespondBody = named('RespondRequest', z
  .object({
    session_id: id('Session id returned by the start call.', 100),
    user_response: z.string().max(200_000).optional().describe('The candidate\'s answer. Typed commands work too: "skip", "repeat", "pause", "resume", "end".'),
    action: z.enum(ACTIONS).optional().describe('A command instead of an answer.'),
    turn_id: id('Your own id for this request (e.g. a UUID). Sending the same turn_id again, after a timeout or a 503, returns the reply already recorded instead of answering twice.', 100).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.user_response === undefined && b.action === undefined) ctx.addIssue({ code: 'custom', path: ['user_response'], message: 'Required (or send an action)' });
    if (b.user_response !== undefined && b.action !== undefined) ctx.addIssue({ code: 'custom', path: ['action'], message: 'Send either user_response or action, not both' });
  }));

export const Progress = named('Progress', z
  .object({
    current: z.number().int().describe('Question number now being asked (1-based).'),
    total: z.number().int(),
    label: z.string().describe('e.g. "Question 2 of 5".'),
    percent: z.number().describe('Share of the interview already behind the candidate, 0-100.'),
  }));

export const ReportJson = named('Report', z
  .looseObject({
    sessionId: z.string(),
    type: z.enum(INTERVIEW_TYPES),
    overall: z.object({ score: z.number().nullable(), band: z.string(), label: z.string() }),
    competencies: z.array(z.object({ competency: z.string(), score: z.number(), questions: z.number() })),
    questions: z.array(z.looseObject({ question: z.string(), status: z.string(), score: z.number().nullable() })),
    partial: z.boolean(),
    summary: z.string(),
    report_markdown: z.string().describe('The whole report as Markdown, as the chat surfaces show it.'),
  }));

export const TurnResponse = named('Turn', z
  .object({
    session_id: z.string(),
    interview_type: z.enum(INTERVIEW_TYPES),
    message: z.string().describe('Everything the interviewer says this turn, as one text.'),
    messages: z.array(z.string()).describe('The same, one entry per utterance (acknowledgement, next question...).'),
    progress: Progress,
    question_number: z.number().int(),
    total_questions: z.number().int(),
    status: z.enum(['active', 'paused', 'completed', 'ended']),
    is_complete: z.boolean(),
    actions: z.array(z.enum(ACTIONS)).describe('Commands that make sense now.'),
    report: ReportJson.optional().describe('Present once the interview is complete.'),
  }));

export const StartResponse = named('StartResponse', TurnResponse.extend({
  user_id: z.string(),
  language: z.enum(LANGUAGE_CODES).describe('The language the interview runs in.'),
  user_token: z.string().describe('Opens this user\'s dashboard and history and deletes their data: "Authorization: Bearer <user_token>". Keep it private.'),
  voice_enabled: z.boolean(),
  role: z.string(),
  level: z.string(),
}));

export const SessionView = named('Session', z
  .object({
    session_id: z.string(),
    interview_type: z.enum(INTERVIEW_TYPES),
    user_id: z.string(),
    user_name: z.string().optional(),
    role: z.string(),
    level: z.string(),
    language: z.enum(LANGUAGE_CODES).describe('The language the interview runs in.'),
    requested_language: z.enum(LANGUAGE_CODES).optional().describe('Set when another language was asked for and the candidate agreed to continue in English.'),
    status: z.enum(['active', 'paused', 'completed', 'ended']),
    is_complete: z.boolean(),
    progress: Progress,
    question_number: z.number().int(),
    total_questions: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
    transcript: z.array(z.object({ role: z.enum(['interviewer', 'candidate']), text: z.string(), at: z.string(), kind: z.string(), question: z.number().int().nullable() })),
    report: ReportJson.optional(),
  }));

export const ErrorBody = named('Error', z
  .object({
    error: z.string().describe('Stable machine-readable code, e.g. validation_error, session_not_found, finished.'),
    message: z.string().describe('Safe to show to a user.'),
    fields: z.record(z.string(), z.string()).optional().describe('validation_error only: what is wrong with each field.'),
    request_id: z.string().optional(),
  }));

const ComponentState = z.object({ ok: z.boolean(), configured: z.boolean(), detail: z.string().optional() });

export const HealthBody = named('Health', z
  .object({
    status: z.enum(['ok', 'degraded', 'unavailable']),
    mode: z.object({
      interviewer: z.enum(['gemini', 'openai', 'offline']),
      voice: z.enum(['gpu', 'edge-tts', 'text-only']),
      customize: z.enum(['hybrid', 'lexical', 'bank-only']),
    }),
    providers: z.record(z.string(), ComponentState.extend({ model: z.string().optional(), state: z.string().optional() })),
    gpu: ComponentState.extend({ services: z.record(z.string(), z.boolean()).optional() }),
    store: z.object({ kind: z.string(), ok: z.boolean() }),
    components: z.record(z.string(), ComponentState).optional(),
    quota: z
      .object({
        requests_left_today: z.number().nullable().describe('Model requests left today over the providers with a daily quota; null when one without a limit can answer.'),
        requests_per_interview: z.number().describe('Model requests per finished interview, over the latest interviews.'),
        interviews_left_today: z.number().nullable().describe('Interviews that still fit in today\'s quota at that rate; null when unlimited.'),
        basis: z.enum(['measured', 'estimate']).describe('measured once an interview has finished; an estimate before.'),
      })
      .optional(),
    notes: z.array(z.string()).describe('One plain line per capability: which mode is live.'),
    version: z.string(),
    uptime_s: z.number(),
  }));

export const DashboardBody = named('Dashboard', z
  .object({
    user_id: z.string(),
    totals: z.object({ interviews: z.number().int(), completed: z.number().int(), in_progress: z.number().int() }),
    averages: z.object({
      overall: z.number().nullable(),
      by_type: z.record(z.string(), z.object({ interviews: z.number().int(), average: z.number().nullable() })),
    }),
    interviews: z.array(
      z.object({
        session_id: z.string(),
        type: z.enum(INTERVIEW_TYPES),
        role: z.string(),
        level: z.string(),
        status: z.string(),
        started_at: z.string(),
        finished_at: z.string().nullable(),
        score: z.number().nullable(),
        band: z.string().nullable(),
        partial: z.boolean(),
      }),
    ),
    competencies: z.array(
      z.object({
        competency: z.string(),
        average: z.number(),
        latest: z.number(),
        change: z.number().nullable().describe('Latest minus first score; null with a single data point.'),
        points: z.array(z.object({ session_id: z.string(), at: z.string(), score: z.number() })),
      }),
    ),
  }));

export const DeleteUserBody = named('DeletedUser', z.object({ user_id: z.string(), deleted_interviews: z.number().int() }));

// --- Voice (src/api/routes/voice.ts) ---------------------------------------------------------

export const VOICE_NAMES = ['professional', 'friendly', 'calm', 'energetic'] as const;

const SpeechModeJson = z.object({
  voice: z.enum(['gpu', 'cloud-stt+edge-tts', 'edge-tts', 'text-only']).describe('gpu: both directions on the GPU server; edge-tts: Alex speaks, answers are typed; text-only: no speech.'),
  stt: z.string().nullable().describe('Speech-to-text provider tried first now, or null.'),
  tts: z.string().nullable().describe('Text-to-speech provider tried first now, or null.'),
});

export const VoicesBody = named('Voices', z.object({
  default: z.enum(VOICE_NAMES),
  voices: z.array(z.object({ name: z.enum(VOICE_NAMES), description: z.string() })),
  mode: SpeechModeJson,
}));

export const TranscribeForm = named('TranscribeForm', z.object({
  audio: z.string().meta({ contentMediaType: 'application/octet-stream' }).describe('The recording: WAV, Ogg/Opus or WebM/Opus (a field named "file" works too).'),
  language: z.string().max(20).optional().describe('Language code such as en, de or pt-BR, or auto (default: STT_LANGUAGE).'),
  prompt: z.string().max(8192).optional().describe('Words the recording is likely to contain (names, jargon).'),
}));

export const TranscribeResult = named('Transcription', z.object({
  text: z.string(),
  provider: z.string().describe('Which service transcribed: gpu-whisper or openai-whisper.'),
  model: z.string(),
  duration_s: z.number().describe('Length of the recording in seconds.'),
  fallback_from: z.string().optional().describe('The provider that failed first, when a fallback answered.'),
}));

export const SynthesizeBody = named('SynthesizeRequest', z.object({
  text: z.string().min(1).describe('What Alex should say (at most MAX_TTS_CHARS characters, 2000 by default).'),
  voice: z.enum(VOICE_NAMES).optional().describe('Voice preset (default: TTS_VOICE).'),
  language: z.string().max(40).optional().describe(`The interview's language (${LANGUAGE_CODES.join(', ')}): a voice that speaks it (default en).`),
}));

export type StartResponseJson = z.infer<typeof StartResponse>;
export type TurnResponseJson = z.infer<typeof TurnResponse>;
export type SessionViewJson = z.infer<typeof SessionView>;
export type HealthJson = z.infer<typeof HealthBody>;
export type DashboardJson = z.infer<typeof DashboardBody>;
export type ReportJsonT = z.infer<typeof ReportJson>;
