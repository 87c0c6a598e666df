import type { FastifyError, FastifyInstance } from 'fastify';
import { isUserError } from '../engine/errors.ts';
import { SessionBusyError } from '../engine/store/session-store.ts';
import { ApiError, statusForCode, ValidationError } from './http-error.ts';
import type { ApiMetrics } from './metrics.ts';

interface ErrorJson {
  error: string;
  message: string;
  fields?: Record<string, string>;
  request_id?: string;
  [k: string]: unknown;
}

/** Fastify's own client errors (bad JSON, body too large...) -> stable codes and plain messages. */
function fromFastify(err: FastifyError, bodyLimit: number): { status: number; json: ErrorJson } | null {
  const status = err.statusCode ?? 500;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, json: { error: 'payload_too_large', message: `The request body is larger than the limit of ${bodyLimit.toLocaleString('en-US')} bytes.` } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, json: { error: 'unsupported_media_type', message: 'Send the request body as JSON with "Content-Type: application/json".' } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, json: { error: 'validation_error', message: 'The request body is empty; send a JSON object.', fields: { body: 'Required' } } };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, json: { error: 'bad_request', message: 'The Content-Length header does not match the body.' } };
  }
  if ((err as unknown) instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, json: { error: 'invalid_json', message: 'The request body is not valid JSON.' } };
  }
  if (status === 429) {
    const after = 'after' in err && typeof err.after === 'string' ? err.after : undefined;
    return { status, json: { error: 'rate_limited', message: `Too many requests; try again in ${after ?? 'a minute'}.` } };
  }
  if (status >= 400 && status < 500) return { status, json: { error: 'bad_request', message: err.message } };
  return null;
}

/**
 * One place that turns errors into answers: safe messages for expected errors, a generic 500
 * with the request id for anything else (the full error goes to the log, never to the client).
 */
export function registerErrorHandling(app: FastifyInstance, opts: { bodyLimit: number; metrics: ApiMetrics }): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e: unknown = err;
    let status: number;
    let json: ErrorJson;
    if (e instanceof ValidationError) {
      status = 400;
      json = { error: e.code, message: e.message, fields: e.fields };
    } else if (e instanceof ApiError) {
      status = e.status;
      json = { error: e.code, message: e.message, ...(e.details ?? {}) };
      if (e.retryAfterS) reply.header('retry-after', String(e.retryAfterS));
    } else if (isUserError(e)) {
      status = statusForCode(e.code);
      json = { error: e.code, message: e.message };
      if (status === 503) reply.header('retry-after', '5');
    } else if (e instanceof SessionBusyError) {
      status = 503;
      json = { error: 'busy', message: 'This interview is busy handling another message; please try again in a moment.' };
      reply.header('retry-after', '2');
    } else {
      const known = fromFastify(err, opts.bodyLimit);
      if (known) ({ status, json } = known);
      else {
        status = 500;
        json = { error: 'internal_error', message: 'Something went wrong on our side. Please try again; if it keeps happening, quote the request id.' };
      }
    }
    json.request_id = String(req.id);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: json.error, status }, 'request refused');
    opts.metrics.errors.inc({ code: json.error, status: String(status) });
    return reply.code(status).type('application/json; charset=utf-8').send(json);
  });

  app.setNotFoundHandler((req, reply) => {
    opts.metrics.errors.inc({ code: 'route_not_found', status: '404' });
    return reply.code(404).send({ error: 'route_not_found', message: `There is no ${req.method} ${req.url.split('?')[0]} here. See /openapi.json for the routes.`, request_id: String(req.id) });
  });
}
