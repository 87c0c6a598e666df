import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { ApiError } from './http-error.ts';

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
  const digests = keys.map(digest);
  const check: onRequestHookHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    const key = presentedKey(req);
    if (key) {
      const d = digest(key);
      if (digests.some((k) => timingSafeEqual(k, d))) return;
    }
    // Browsers show a login box for Basic; the password is the API key.
    reply.header('www-authenticate', req.url.startsWith('/dashboard') || req.url.startsWith('/reports/') ? 'Basic realm="Interview dashboard", charset="UTF-8"' : 'Bearer');
    throw new ApiError(401, 'unauthorized', key ? 'That API key is not valid.' : 'An API key is required: send "Authorization: Bearer <key>" or "x-api-key: <key>".');
  };
  app.addHook('onRoute', (route) => {
    if (!isSecuredPath(route.url ?? route.path)) return;
    const existing = route.onRequest;
    route.onRequest = existing ? [...(Array.isArray(existing) ? existing : [existing]), check] : [check];
  });
}
