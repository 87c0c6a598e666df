import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
import { buildOpenApi } from '../openapi.ts';
import { defineRoute } from '../route.ts';

export function docsRoutes(app: FastifyInstance, ctx: ApiContext, allRoutes: () => { method: string; url: string }[]): void {
  let doc: Record<string, unknown> | undefined;
  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    tags: ['operations'],
    secured: false,
    responses: { 200: { description: 'OpenAPI 3.1 document.' } },
    handler: async () =>
      (doc ??= buildOpenApi(
        ctx.catalog,
        { title: 'Interview coach API', version: ctx.version, description: 'Mock interviews over HTTP: start, answer, get the report, and follow progress on the dashboard.' },
        allRoutes(),
        ctx.apiKeysEnabled,
      )),
  });

  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/',
    summary: 'Where things are',
    tags: ['operations'],
    secured: false,
    responses: { 200: { description: 'Links to the API document, health, the interview panel and dashboard.' }, 302: { description: 'A browser (Accept: text/html) is sent to the interview panel.' } },
    handler: async ({ req }, reply) => {
      if (/\btext\/html\b/.test(req.headers.accept ?? '')) return reply.redirect('/interview', 302);
      return { name: 'interview-coach', version: ctx.version, interview: '/interview', openapi: '/openapi.json', health: '/health', dashboard: '/dashboard', metrics: '/metrics' };
    },
  });
}
