import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
import { defineRoute } from '../route.ts';

export function docsRoutes(app: FastifyInstance, ctx: ApiContext): void {
  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    description: 'Generated from the schemas each route validates with; the same document is browsable at /docs.',
    tags: ['operations'],
    secured: false,
    operationId: 'getOpenApiDocument',
    responses: { 200: { description: 'OpenAPI 3.1 document.', contentType: 'application/json' } },
    handler: async () => app.swagger(),
  });

  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/',
    summary: 'Where things are',
    tags: ['operations'],
    secured: false,
    responses: {
      200: { description: 'Links to the interview panel, the API document, its docs page, health and dashboard.', contentType: 'application/json' },
      302: { description: 'A browser (Accept: text/html) is sent to the interview panel.' },
    },
    handler: async ({ req }, reply) => {
      if (/\btext\/html\b/.test(req.headers.accept ?? '')) return reply.redirect('/interview', 302);
      return { name: 'interview-coach', version: ctx.version, interview: '/interview', openapi: '/openapi.json', docs: '/docs', health: '/health', dashboard: '/dashboard', metrics: '/metrics' };
    },
  });
}
