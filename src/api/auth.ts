import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { ApiError } from './http-error.ts';
import type { UserTokens } from './user-tokens.ts';

/** Paths that need a key when API_KEYS is set: the API, the dashboard and report pages. Health, metrics and docs stay open. */
export function isSecuredPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/dashboard' || url.startsWith('/dashboard/') || url.startsWith('/reports/');
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The key a request presents: Bearer token, x-api-key, or the password of HTTP Basic (for browsers). */
function presentedKey(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const [scheme, value = ''] = auth.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme ?? '')) return value.trim() || undefined;
    if (/^basic$/i.test(scheme ?? '')) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      return i >= 0 ? decoded.slice(i + 1) || undefined : undefined;
    }
  }
  const x = req.headers['x-api-key'];
  return typeof x === 'string' && x.trim() ? x.trim() : undefined;
}

/**
 * Requires one of `keys` on secured routes. Keys are compared as SHA-256 digests in constant
 * time. The hook is added per route after the rate limiter's, so guessing keys is rate limited.
 */
export function registerApiKeys(app: FastifyInstance, keys: string[]): void {
  if (!keys.length) return;
  const isKey = keyChecker(keys);
  const check: onRequestHookHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    const key = presentedKey(req);
    if (isKey(key)) return;
    // Browsers show a login box for Basic; the password is the API key.
    reply.header('www-authenticate', req.url.startsWith('/dashboard') || req.url.startsWith('/reports/') ? 'Basic realm="Interview dashboard", charset="UTF-8"' : 'Bearer');
    throw new ApiError(401, 'unauthorized', key ? 'That API key is not valid.' : 'An API key is required: send "Authorization: Bearer <key>" or "x-api-key: <key>".');
  };
  app.addHook('onRoute', (route) => {
    // User-scoped routes check a key or the user's own token themselves (ApiAuth.requireUser).
    if (!isSecuredPath(route.url ?? route.path) || (route.config as { userScoped?: boolean } | undefined)?.userScoped) return;
    const existing = route.onRequest;
    route.onRequest = existing ? [...(Array.isArray(existing) ? existing : [existing]), check] : [check];
  });
}

function keyChecker(keys: string[]): (key: string | undefined) => boolean {
  const digests = keys.map(digest);
  return (key) => {
    if (!key) return false;
    const d = digest(key);
    return digests.some((k) => timingSafeEqual(k, d));
  };
}

/** Who a request is: the operator (an API key) or one user (their token); routes ask this. */
export class ApiAuth {
  private readonly isKey: (key: string | undefined) => boolean;
  readonly keysEnabled: boolean;
  readonly tokens: UserTokens;

  constructor(keys: string[], tokens: UserTokens) {
    this.isKey = keyChecker(keys);
    this.keysEnabled = keys.length > 0;
    this.tokens = tokens;
  }

  /** An API key was presented: the operator's credential, which sees everything. */
  operator(req: FastifyRequest): boolean {
    return this.keysEnabled && this.isKey(presentedKey(req));
  }

  /** Lets the request through only for the operator or the holder of `userKey`'s token (header or ?token=). */
  async requireUser(req: FastifyRequest, reply: FastifyReply, userKey: string): Promise<void> {
    if (this.operator(req)) return;
    const query = req.query as { token?: unknown } | undefined;
    const token = presentedKey(req) ?? (typeof query?.token === 'string' && query.token ? query.token : undefined);
    const owner = token ? await this.tokens.verify(token) : undefined;
    if (owner === userKey) return;
    if (owner !== undefined) throw new ApiError(403, 'forbidden', 'That token belongs to another user.');
    if (req.url.startsWith('/dashboard')) reply.header('www-authenticate', 'Basic realm="Interview dashboard", charset="UTF-8"');
    else reply.header('www-authenticate', 'Bearer');
    throw new ApiError(
      401,
      'unauthorized',
      token ? 'That token is not valid.' : 'This needs the user_token returned when the interview started: send "Authorization: Bearer <user_token>" (or ?token= on a page link).',
    );
  }
}
