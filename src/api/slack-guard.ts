import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { RawHandler } from './raw-mount.ts';

/** Slack's own rule is five minutes; we apply it in both directions (Bolt checks only the past). */
const MAX_SKEW_S = 5 * 60;
const MAX_BODY_BYTES = 1024 * 1024;

const str = z.string().max(100_000);
const idOrObject = z.union([str, z.record(z.string(), z.unknown())]);
/** The fields listeners read from an event; others pass through unchecked. */
const EventShape = z
  .object({
    type: str,
    subtype: str.optional(),
    user: idOrObject.optional(),
    channel: idOrObject.optional(),
    user_id: str.optional(),
    channel_id: str.optional(),
    file_id: str.optional(),
    text: str.optional(),
    ts: str.optional(),
    thread_ts: str.optional(),
    event_ts: str.optional(),
    bot_id: str.optional(),
    tab: str.optional(),
    files: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .loose();
const JsonEnvelope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: str }).loose(),
  z.object({ type: z.literal('event_callback'), event: EventShape, team_id: str.optional(), api_app_id: str.optional(), event_id: str.optional() }).loose(),
]);
const OtherJson = z.object({ type: str }).loose();
const Interaction = z
  .object({
    type: str,
    user: z.object({ id: str }).loose().optional(),
    actions: z.array(z.object({ action_id: str.optional(), value: str.optional() }).loose()).optional(),
    view: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** Why a signed body is not one Slack would send, or undefined when it is fine. */
export function slackBodyProblem(raw: string, contentType: string): string | undefined {
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    if (payload !== null) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch {
        return 'payload is not JSON';
      }
      const r = Interaction.safeParse(parsed);
      return r.success ? undefined : `payload: ${r.error.issues[0]?.message ?? 'invalid'}`;
    }
    if (form.get('ssl_check') === '1') return undefined;
    const command = form.get('command');
    return command && command.startsWith('/') ? undefined : 'a slash command needs a "command" field';
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return 'the body is not JSON';
  }
  const known = JsonEnvelope.safeParse(parsed);
  if (known.success) return undefined;
  const type = (parsed as { type?: unknown } | null)?.type;
  if (type !== 'url_verification' && type !== 'event_callback' && OtherJson.safeParse(parsed).success) return undefined;
  const issue = known.error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body';
}

function verifySignature(secret: string, timestamp: string, raw: Buffer, signature: string): boolean {
  const want = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(raw).digest('hex')}`);
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

function answer(res: ServerResponse, status: number, error: string, message: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ error, message }));
}

/**
 * Stands in front of Bolt's receiver at /slack/events: reads the body once (hands Bolt the
 * buffered bytes), refuses timestamps more than five minutes away either way and bad signatures
 * (401), and signed bodies of the wrong shape (400), so Bolt only ever sees requests it can handle.
 */
export function guardSlackRequests(next: RawHandler, opts: { signingSecret: string; logger: Logger; now?: () => number }): RawHandler {
  const now = opts.now ?? Date.now;
  return (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.method !== 'POST') return answer(res, 405, 'method_not_allowed', 'Slack sends events with POST.');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of req as AsyncIterable<Buffer>) {
        size += c.length;
        if (size > MAX_BODY_BYTES) return answer(res, 413, 'payload_too_large', 'The request body is too large.');
        chunks.push(c);
      }
      const raw = Buffer.concat(chunks);
      const ts = req.headers['x-slack-request-timestamp'];
      const sig = req.headers['x-slack-signature'];
      if (typeof ts !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(ts)) return answer(res, 401, 'unauthorized', 'The request is not signed.');
      if (Math.abs(now() / 1000 - Number(ts)) > MAX_SKEW_S) return answer(res, 401, 'unauthorized', 'The request timestamp is more than five minutes away from now.');
      if (!verifySignature(opts.signingSecret, ts, raw, sig)) return answer(res, 401, 'unauthorized', 'The request signature is not valid.');
      const problem = slackBodyProblem(raw.toString('utf8'), String(req.headers['content-type'] ?? ''));
      if (problem) {
        opts.logger.warn({ problem }, 'refused a signed Slack request of the wrong shape');
        return answer(res, 400, 'bad_request', `That is not a request Slack sends: ${problem}.`);
      }
      // Bolt reads a pre-buffered body from rawBody instead of the (already consumed) stream.
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
      next(req, res);
    })().catch((err: unknown) => {
      opts.logger.error({ err }, 'slack request failed');
      answer(res, 500, 'internal_error', 'Something went wrong on our side.');
    });
  };
}
