import { z } from 'zod';
import { VOICE_PRESET_NAMES } from './gpu/tts/voices.ts';
import { isSecretVar, secretValuesIn } from './secrets.ts';

/** Env vars whose values are secrets (src/secrets.ts): never logged, never echoed in errors. */
export { SECRET_VARS } from './secrets.ts';

const optionalString = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().optional());
const url = (schemes: string[]) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim().replace(/\/+$/, '') : v),
    z
      .string()
      .refine((s) => {
        try {
          return schemes.includes(new URL(s).protocol.replace(':', ''));
        } catch {
          return false;
        }
      }, `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`)
      .optional(),
  );
const int = (def: number, min: number, max: number) => z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(min).max(max).default(def);
const num = (def: number, min: number, max: number) => z.coerce.number({ message: 'must be a number' }).min(min).max(max).default(def);
const list = z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.string()).default([]));
const bool = (def: boolean) => z.preprocess((v) => (typeof v === 'string' ? !/^(0|false|no|off)$/i.test(v.trim()) : v), z.boolean().default(def));

const EnvSchema = z.object({
  ENVIRONMENT: z.enum(['production', 'development', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: int(8000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  STORE_URL: z
    .string()
    .default('sqlite://./data/interviews.sqlite')
    .refine((s) => /^(sqlite:\/\/.+|redis:\/\/.*|rediss:\/\/.*|memory:\/\/)$/.test(s), 'must be sqlite://PATH, redis://HOST:PORT or memory://'),

  GEMINI_API_KEY: optionalString,
  GEMINI_MODELS: list.default(['gemini-2.5-flash', 'gemini-2.0-flash']),
  GEMINI_BASE_URL: url(['http', 'https']),
  GEMINI_DAILY_QUOTA: int(1500, 0, 10_000_000),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url(['http', 'https']),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_DAILY_QUOTA: int(0, 0, 10_000_000),
  LLM_TURN_DEADLINE_MS: int(8000, 500, 120_000),
  LLM_PRICES: optionalString,

  GPU_SERVER_URL: url(['http', 'https']),
  GPU_SERVER_API_KEY: optionalString,
  GPU_HEALTH_INTERVAL_MS: int(30_000, 1000, 3_600_000),
  STT_MODEL: z.string().default('Systran/faster-distil-whisper-small.en'),
  STT_LANGUAGE: z.string().default('en'),
  TTS_MODEL: z.string().default('tts-1-hd'),
  TTS_VOICE: z.string().default('professional'),
  // Voice-channel interviews (src/voice/): when a spoken answer ends, the one gentle nudge, barge-in.
  // adaptive: the silence depends on whether the transcript so far ends a thought; fixed: VOICE_END_SILENCE_MS always.
  VOICE_TURN_MODE: z.enum(['adaptive', 'fixed']).default('adaptive'),
  VOICE_END_SILENCE_MS: int(1200, 300, 10_000),
  VOICE_TURN_COMPLETE_MS: int(600, 200, 10_000),
  VOICE_TURN_UNSURE_MS: int(1600, 200, 10_000),
  VOICE_TURN_INCOMPLETE_MS: int(3000, 200, 10_000),
  VOICE_PIECE_SILENCE_MS: int(350, 150, 10_000),
  TURN_MODEL_PATH: optionalString,
  TURN_MODEL_THRESHOLD: num(0.5, 0, 1),
  VOICE_NUDGE_AFTER_MS: int(20_000, 2000, 600_000),
  VOICE_BARGE_IN_MS: int(700, 100, 5000),
  VOICE_BARGE_IN_WORDS: int(2, 1, 20),
  VOICE_MIN_VOICED_MS: int(200, 0, 5000),
  // Whisper output filters: verbose_json carries per-segment no-speech and log-probabilities.
  STT_RESPONSE_FORMAT: z.enum(['verbose_json', 'json']).default('verbose_json'),
  STT_NO_SPEECH_PROB: num(0.6, 0, 1),
  STT_MIN_AVG_LOGPROB: num(-1.2, -100, 0),
  // Speech limits and fallbacks (src/gpu/): Edge TTS is the keyless fallback voice when the GPU server is down.
  EDGE_TTS_ENABLED: bool(true),
  OPENAI_STT_MODEL: z.string().default('whisper-1'),
  STT_TIMEOUT_MS: int(30_000, 200, 300_000),
  TTS_TIMEOUT_MS: int(20_000, 200, 300_000),
  MAX_AUDIO_BYTES: int(10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  MAX_AUDIO_SECONDS: int(120, 1, 3600),
  MAX_TTS_CHARS: int(2000, 10, 100_000),
  EMBEDDINGS_MODEL: optionalString,
  LOCAL_EMBEDDINGS_MODEL_PATH: optionalString,

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_DEV_GUILD_ID: optionalString,
  DISCORD_API_BASE_URL: url(['http', 'https']),
  DISCORD_POST_SUMMARY: bool(true),
  DISCORD_SHARDS: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)], { message: 'must be auto or a number of shards' }).optional()),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: url(['http', 'https']),
  SLACK_BROADCAST_SUMMARY: bool(true),

  API_KEYS: list,
  /** Signs per-user dashboard tokens; when unset one is generated on first start and kept in the store. */
  USER_TOKEN_SECRET: optionalString,
  /** Where people reach this server (https://coach.example.com): chat surfaces link dashboards under it. */
  PUBLIC_URL: url(['http', 'https']),
  CORS_ORIGINS: list,
  RATE_LIMIT_PER_MINUTE: int(120, 1, 1_000_000),
  BODY_LIMIT_BYTES: int(1_048_576, 1024, 100_000_000),

  MAX_UPLOAD_BYTES: int(5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  MAX_DOC_PAGES: int(10, 1, 500),
  MAX_ANSWER_CHARS: int(8000, 100, 200_000),
  /** How long a turn waits for another process's lock on the same session before answering busy (503). */
  SESSION_LOCK_WAIT_MS: int(750, 0, 60_000),
});

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads and validates the environment once. Problems name the variable, never a secret's value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '?');
      const raw = env[name];
      const shown = isSecretVar(name) || raw === undefined ? '' : ` (got "${String(raw).slice(0, 60)}")`;
      problems.push(`${name}: ${issue.message}${shown}`);
    }
    throw new ConfigError(problems);
  }
  const c = parsed.data;
  if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) problems.push('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
  if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) problems.push('SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)');
  if (c.SLACK_APP_TOKEN && !c.SLACK_APP_TOKEN.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN: must be an app-level token starting with xapp-');
  if (!(VOICE_PRESET_NAMES as readonly string[]).includes(c.TTS_VOICE)) problems.push(`TTS_VOICE: must be one of ${VOICE_PRESET_NAMES.join(', ')}`);
  if (c.LLM_PRICES) {
    try {
      JSON.parse(c.LLM_PRICES);
    } catch {
      problems.push('LLM_PRICES: must be JSON, e.g. {"gpt-4o-mini":{"input":0.15,"output":0.6}} (USD per 1M tokens)');
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return c;
}

/** Every secret value in the config, for scrubbing text that might leave the process. */
export function secretValues(c: Config): string[] {
  return secretValuesIn(c);
}
