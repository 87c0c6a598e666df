/**
 * The one list of environment variables whose values are secrets. Config validation never
 * echoes them, the logger redacts them by field path and scrubs their values from every line,
 * and the Docker checks keep them out of images. A new key is added here and nowhere else.
 */
export const SECRET_VARS = ['GEMINI_API_KEY', 'OPENAI_API_KEY', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'API_KEYS', 'GPU_SERVER_API_KEY', 'USER_TOKEN_SECRET'] as const;
export type SecretVar = (typeof SECRET_VARS)[number];

export function isSecretVar(name: string): name is SecretVar {
  return (SECRET_VARS as readonly string[]).includes(name);
}

/** Log field paths that may carry a secret: generic names, and each secret variable wherever a config is logged. */
export const SECRET_LOG_PATHS: readonly string[] = [
  'token', 'apiKey', 'api_key', 'authorization', 'password', 'secret',
  '*.token', '*.apiKey', '*.authorization', '*.password', '*.secret',
  'headers.authorization', 'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-slack-signature"]',
  ...SECRET_VARS.flatMap((v) => [v, `config.${v}`, `*.${v}`]),
];

/** Every secret value set in `values` (a config or the environment), for scrubbing text that might leave the process. */
export function secretValuesIn(values: Partial<Record<SecretVar, unknown>>): string[] {
  const out: string[] = [];
  for (const k of SECRET_VARS) {
    const v = values[k];
    if (typeof v === 'string' && v.length >= 6) out.push(v);
    if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string' && x.length >= 6));
  }
  return out;
}
