import pino, { type Logger } from 'pino';

export type { Logger };

/** Field paths that may carry secrets; pino replaces them before anything is written. */
const REDACT = [
  'token', 'apiKey', 'api_key', 'authorization', 'password', 'secret',
  '*.token', '*.apiKey', '*.authorization', '*.password', '*.secret',
  'headers.authorization', 'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-slack-signature"]',
  'config.GEMINI_API_KEY', 'config.OPENAI_API_KEY', 'config.DISCORD_TOKEN', 'config.SLACK_BOT_TOKEN', 'config.SLACK_SIGNING_SECRET', 'config.SLACK_APP_TOKEN', 'config.API_KEYS',
];

/**
 * JSON logs to stderr (stdout stays free for the terminal interview and --json output).
 * `secrets` are scrubbed from every line as a last line of defence (an SDK error message
 * that echoes a key, for instance).
 */
export function createLogger(opts: { level?: string; secrets?: string[]; name?: string; destination?: { write(line: string): unknown } } = {}): Logger {
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 6);
  const dest = opts.destination ?? pino.destination({ fd: 2, sync: true });
  const stream = secrets.length
    ? {
        write(line: string) {
          let out = line;
          for (const s of secrets) out = out.split(s).join('[REDACTED]');
          dest.write(out);
        },
      }
    : dest;
  return pino(
    {
      level: opts.level ?? 'info',
      name: opts.name ?? 'interview-coach',
      redact: { paths: REDACT, censor: '[REDACTED]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
