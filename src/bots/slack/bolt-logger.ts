// Bolt's logger interface over our pino logger, so Bolt's own warnings (bad signatures,
// unhandled requests) land in the same structured log.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const TO_PINO: Record<LogLevel, 'debug' | 'info' | 'warn' | 'error'> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

export function boltLogger(base: Logger): BoltLogger {
  let log = base.child({ component: 'slack-bolt' });
  let level = LogLevel.INFO;
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => log.debug(text(msg)),
    info: (...msg) => log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    setLevel(l) {
      level = l;
      // Never noisier than the app's own level: Bolt's debug output is verbose.
      if (base.isLevelEnabled(TO_PINO[l])) log.level = TO_PINO[l];
    },
    getLevel: () => level,
    setName(name) {
      log = base.child({ component: name });
    },
  };
}
