import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
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
    handler: async (_input, reply) => reply.type(ctx.metrics.contentType).send(await ctx.metrics.render()),
  });
}
