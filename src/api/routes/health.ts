import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
import { checkHealth } from '../health.ts';
import { defineRoute } from '../route.ts';
import { HealthBody } from '../schemas.ts';

export function healthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/health',
    summary: 'Status of each provider, the GPU server and the store, and the resulting mode',
    description:
      'status is "ok", "degraded" (something configured is down; interviews go on in a fallback mode) or "unavailable" (the store is down; answered with 503). With API_KEYS set, only status and mode are shown unless an API key is sent.',
    tags: ['operations'],
    secured: false,
    rateLimit: false,
    responses: { 200: { description: 'Serving (ok or degraded).', schema: HealthBody }, 503: { description: 'The store is unreachable.', schema: HealthBody } },
    handler: async ({ req }, reply) => {
      const { code, body } = await checkHealth(ctx.health);
      // Upstream error text and versions are for the operator; a load balancer needs only the status.
      const shown = ctx.apiKeysEnabled && !ctx.auth.operator(req) ? { status: body.status, mode: body.mode } : body;
      return reply.code(code).header('cache-control', 'no-store').send(shown);
    },
  });
}
