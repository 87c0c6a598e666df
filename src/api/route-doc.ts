// What the OpenAPI document says about a route: shared by the route helper and the document builder.
import type { z } from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  /** Further media types the same answer may come in (audio in the format the service made). */
  alsoContentTypes?: string[];
}

/** What the OpenAPI document says about one route. */
export interface RouteDoc {
  method: Method;
  /** Fastify syntax: /api/interview/:type/start */
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ResponseDoc>;
  /** Whether API keys (when configured) apply. */
  secured: boolean;
}
