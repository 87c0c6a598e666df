import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
import { ApiError } from '../http-error.ts';
import { defineRoute } from '../route.ts';

export function metricsRoutes(app: FastifyInstance, ctx: ApiContext): void {
  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/metrics',
    summary: 'Prometheus metrics: interviews, turn latency, provider calls, fallbacks, tokens, cost, errors',
    tags: ['operations'],
    secured: false,
    rateLimit: false,
    responses: { 200: { description: 'Prometheus text format.', contentType: 'text/plain' } },
    description: 'With API_KEYS set, needs an API key.',
    handler: async ({ req }, reply) => {
      if (ctx.apiKeysEnabled && !ctx.auth.operator(req)) {
        reply.header('www-authenticate', 'Bearer');
        throw new ApiError(401, 'unauthorized', 'An API key is required: send "Authorization: Bearer <key>" or "x-api-key: <key>".');
      }
      return reply.type(ctx.metrics.contentType).send(await ctx.metrics.render());
    },
  });
}
