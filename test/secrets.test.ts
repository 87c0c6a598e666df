// One list of secret variables drives config errors, log redaction and scrubbing.
import { expect, test } from 'vitest';
import { loadConfig, secretValues } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';

test('every secret variable is redacted by field, scrubbed by value, including key-shaped text from an SDK', () => {
  const env: Record<string, string> = {
    STORE_URL: 'memory://',
    GEMINI_API_KEY: 'AIzaSyTestGeminiKey000000000',
    OPENAI_API_KEY: 'sk-test-openai-key-123456',
    GPU_SERVER_URL: 'http://127.0.0.1:9',
    GPU_SERVER_API_KEY: 'gpu-secret-7777777',
    API_KEYS: 'first-api-key-1,second-api-key-2',
  };
  const c = loadConfig(env);
  const lines: string[] = [];
  const log = createLogger({ level: 'info', secrets: secretValues(c), destination: { write: (l: string) => lines.push(l) } });
  log.info({ config: c }, 'config loaded');
  log.info({ GPU_SERVER_API_KEY: c.GPU_SERVER_API_KEY }, 'a field named after a secret variable');
  log.warn(`an SDK echoed ${env.GPU_SERVER_API_KEY} and sk-another-key-abcdefgh in its message`);
  const out = lines.join('\n');
  for (const v of [env.GEMINI_API_KEY, env.OPENAI_API_KEY, env.GPU_SERVER_API_KEY, 'first-api-key-1', 'second-api-key-2', 'sk-another-key-abcdefgh']) expect(out).not.toContain(v);
  expect(out).toContain('[REDACTED]');

});
