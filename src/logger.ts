import pino, { type Logger } from 'pino';
import { scrubSecrets } from './resilience/errors.ts';
import { SECRET_LOG_PATHS } from './secrets.ts';

export type { Logger };

/**
 * JSON logs to stderr (stdout stays free for the terminal interview and --json output).
 * Fields named like secrets are redacted (src/secrets.ts lists them); `secrets` (their values)
 * and anything shaped like a key are scrubbed from every line as a last line of defence (an SDK
 * error message that echoes a key, for instance).
 */
export function createLogger(opts: { level?: string; secrets?: string[]; name?: string; destination?: { write(line: string): unknown } } = {}): Logger {
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 6);
  const dest = opts.destination ?? pino.destination({ fd: 2, sync: true });
  const stream = {
    write(line: string) {
      dest.write(scrubSecrets(line, secrets));
    },
  };
  return pino(
    {
      level: opts.level ?? 'info',
      name: opts.name ?? 'interview-coach',
      redact: { paths: [...SECRET_LOG_PATHS], censor: '[REDACTED]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
