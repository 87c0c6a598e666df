import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUserError } from '../engine/errors.ts';
import { STORE_RETRY_AFTER_S, StoreUnavailableError } from '../engine/store/errors.ts';
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
    } else if (e instanceof StoreUnavailableError) {
      status = 503;
      json = { error: 'store_unavailable', message: 'Storage is briefly unavailable. Nothing was recorded; please send the same request again in a moment.' };
      reply.header('retry-after', String(STORE_RETRY_AFTER_S));
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

/**
 * Errors the router raises before any route runs (a malformed percent-escape, an overlong path
 * segment): the service's error shape with a request id, never the URL echoed back.
 */
export function frameworkErrorAnswer(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const [status, error, message] =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, 'uri_too_long', 'A part of the URL path is longer than allowed.']
      : err.code === 'FST_ERR_BAD_URL'
        ? [400, 'bad_url', 'The URL is not valid: it has a malformed percent-escape.']
        : [400, 'bad_request', 'The request could not be routed.'];
  void reply
    .code(status)
    .header('x-request-id', String(req.id))
    .type('application/json; charset=utf-8')
    .send({ error, message, request_id: String(req.id) });
}

/** Requests Node's HTTP parser refuses (headers too large, garbage, a slow client): the same shape, on the raw socket. */
export function clientErrorAnswer(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, error, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request headers (or the URL) are larger than allowed.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request_timeout', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP.'];
  const id = randomUUID();
  const body = JSON.stringify({ error, message, request_id: id });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${id}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
