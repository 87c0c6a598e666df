import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { docSchema } from './openapi.ts';
import type { Method, RouteDoc } from './route-doc.ts';
import { parseOrThrow } from './validation.ts';

export type { Method, ResponseDoc, RouteDoc } from './route-doc.ts';

/** Routes registered through `defineRoute`, in order. */
export class RouteCatalog {
  readonly routes: RouteDoc[] = [];
}

interface Parsed<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: FastifyRequest;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * Registers a route whose params, query and body are parsed with zod before the handler runs
 * (400 with field-level messages otherwise), with those schemas on the route for the OpenAPI document.
 */
export function defineRoute<P extends z.ZodObject | undefined = undefined, Q extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  app: FastifyInstance,
  catalog: RouteCatalog,
  def: Omit<RouteDoc, 'params' | 'query' | 'body' | 'secured'> & {
    params?: P;
    query?: Q;
    body?: B;
    secured?: boolean;
    rateLimit?: boolean;
    /** The route checks a key or the user's own token itself, instead of requiring an API key. */
    userScoped?: boolean;
    /** Default: method + path words (getApiDashboardUserId). */
    operationId?: string;
    handler: (input: Parsed<Out<P>, Out<Q>, Out<B>>, reply: FastifyReply) => Promise<unknown>;
  },
): void {
  const { handler, rateLimit, userScoped, operationId, ...rest } = def;
  const doc: RouteDoc = { ...rest, secured: def.secured ?? def.url.startsWith('/api/') };
  catalog.routes.push(doc);
  app.route({
    method: def.method,
    url: def.url,
    // For the OpenAPI document (src/api/openapi.ts); parsing happens in the handler below.
    schema: docSchema({ ...doc, ...(operationId ? { operationId } : {}), rateLimited: rateLimit !== false }),
    config: { ...(rateLimit === false ? { rateLimit: false } : {}), ...(userScoped ? { userScoped: true } : {}) },
    handler: async (req, reply) => {
      const params = (def.params ? parseOrThrow(def.params, req.params, 'params') : undefined) as Out<P>;
      const query = (def.query ? parseOrThrow(def.query, req.query, 'query') : undefined) as Out<Q>;
      const body = (def.body ? parseOrThrow(def.body, req.body, 'body') : undefined) as Out<B>;
      return handler({ params, query, body, req }, reply);
    },
  });
}
