import { z } from 'zod';
import type { Method, RouteCatalog, RouteDoc } from './route.ts';
import { apiSchemas, ErrorBody } from './schemas.ts';

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

/** /api/interview/:type/start -> /api/interview/{type}/start */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
 * Routes registered outside `defineRoute` (a plugin's) are listed too, from `extra`, with
 * their path parameters, so the document always names every route the server answers.
 */
export function buildOpenApi(catalog: RouteCatalog, info: OpenApiInfo, extra: { method: string; url: string }[] = [], securedByKeys = false): Json {
  const components = z.toJSONSchema(apiSchemas, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', uri: REF }) as { schemas: Record<string, Json> };
  for (const s of Object.values(components.schemas)) {
    delete s.$schema;
    delete s.$id;
    tidy(s);
  }
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of catalog.routes) {
    const p = (paths[openApiPath(r.url)] ??= {});
    p[r.method.toLowerCase()] = operation(r, securedByKeys);
  }
  for (const e of extra) {
    const p = (paths[openApiPath(e.url)] ??= {});
    const m = e.method.toLowerCase();
    if (p[m] || m === 'head' || m === 'options') continue;
    const names = [...e.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((x) => x[1]!);
    p[m] = {
      summary: `${e.method} ${openApiPath(e.url)}`,
      tags: [e.url.split('/')[2] ?? 'other'],
      ...(names.length ? { parameters: names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })) } : {}),
      responses: { default: { description: 'See the route\'s own documentation.' } },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'One of the keys in API_KEYS (only when API_KEYS is set).' },
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      },
    },
  };
}

function schemaRef(s: z.ZodType): Json {
  const meta = apiSchemas.get(s);
  if (meta) return { $ref: REF(meta.id) };
  const js = z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
  delete js.$schema;
  tidy(js);
  return js;
}

/** Drops the ±2^53 bounds zod gives every integer: true, but noise for readers of the document. */
function tidy(v: unknown): void {
  if (Array.isArray(v)) return v.forEach(tidy);
  if (!v || typeof v !== 'object') return;
  const o = v as Json;
  if (o.type === 'integer') {
    if (o.minimum === Number.MIN_SAFE_INTEGER) delete o.minimum;
    if (o.maximum === Number.MAX_SAFE_INTEGER) delete o.maximum;
  }
  for (const x of Object.values(o)) tidy(x);
}

function parameters(obj: z.ZodObject | undefined, where: 'path' | 'query'): Json[] {
  if (!obj) return [];
  const js = z.toJSONSchema(obj, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema as Json;
    return { name, in: where, required: where === 'path' || (js.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest };
  });
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request (validation_error names each field).',
  401: 'Missing or wrong API key (only when API_KEYS is set).',
  404: 'Not found.',
  409: 'Conflicts with the interview\'s state (finished, wrong interview type...).',
  413: 'Request body too large.',
  422: 'Answer refused (empty or too long); nothing was recorded.',
  429: 'Rate limit exceeded; see Retry-After.',
  500: 'Unexpected error; the message is generic and request_id points to the logs.',
  503: 'Shutting down or the store is busy; retry shortly.',
};

function operation(r: RouteDoc, securedByKeys: boolean): Json {
  const responses: Record<string, Json> = {};
  for (const [code, d] of Object.entries(r.responses)) {
    const ct = d.contentType ?? 'application/json';
    responses[code] = { description: d.description, ...(d.schema ? { content: { [ct]: { schema: schemaRef(d.schema) } } } : d.contentType ? { content: { [ct]: {} } } : {}) };
  }
  const errors = [...(r.body || r.params || r.query ? [400] : []), ...(r.secured ? [401, 429] : []), 500];
  if (r.body) errors.push(413);
  for (const code of errors) {
    responses[String(code)] ??= { description: ERROR_TEXT[code]!, content: { 'application/json': { schema: { $ref: REF(apiSchemas.get(ErrorBody)!.id) } } } };
  }
  for (const [code, d] of Object.entries(responses)) if (Number(code) >= 400 && !d.content) d.content = { 'application/json': { schema: { $ref: REF('Error') } } };
  const params = [...parameters(r.params, 'path'), ...parameters(r.query, 'query')];
  const op: Json = {
    operationId: operationId(r.method, r.url),
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    tags: r.tags,
    ...(params.length ? { parameters: params } : {}),
    ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(r.body) } } } } : {}),
    responses,
  };
  if (securedByKeys && r.secured) op.security = [{ bearer: [] }, { apiKey: [] }];
  return op;
}

function operationId(method: Method, url: string): string {
  const words = url.split(/[/:{}._-]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
