import type { IncomingMessage, ServerResponse } from 'node:http';
import { approxTokens, type Behaviour, type FakeRequest } from './behaviour.ts';
import { pieces, readBody, sendJson, sendSse, wait } from './http.ts';
import { purposeOf } from './interviewer-responder.ts';
import { FakeModelServer, type FakeServerOptions } from './server.ts';

interface GeminiBody {
  contents?: { role?: string; parts?: { text?: string }[] }[];
  systemInstruction?: { parts?: { text?: string }[] } | string;
  generationConfig?: { responseSchema?: unknown; responseJsonSchema?: unknown; responseMimeType?: string };
}

const ROUTE = /^\/v1[a-z0-9]*\/models\/([^/:?]+)(?::(generateContent|streamGenerateContent))?$/;

/**
 * Speaks the Gemini API as `@google/genai` uses it: generateContent,
 * streamGenerateContent (SSE), and models.get, under any /v1*\/ prefix.
 */
export class FakeGemini extends FakeModelServer {
  constructor(o: FakeServerOptions = {}) {
    super({ models: ['gemini-2.5-flash', 'gemini-2.0-flash'], ...o });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await readBody(req);
    const m = ROUTE.exec(url.pathname);
    const model = m?.[1] ?? '';
    const method = m?.[2];
    let body: GeminiBody = {};
    try {
      body = raw ? (JSON.parse(raw) as GeminiBody) : {};
    } catch {
      /* recorded as is */
    }
    const stream = method === 'streamGenerateContent';
    const record: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: req.headers,
      body,
      model,
      stream,
      promptText: promptOf(body),
      purpose: purposeOf(body.generationConfig?.responseSchema ?? body.generationConfig?.responseJsonSchema),
      at: Date.now(),
    };
    this.requests.push(record);
    if (!m) return sendJson(res, 404, googleError(404, 'NOT_FOUND', `no route ${url.pathname}`));

    const key = req.headers['x-goog-api-key'] ?? url.searchParams.get('key');
    if (this.apiKey && key !== this.apiKey) {
      // What Google really answers for a wrong key: 400 with reason API_KEY_INVALID.
      return sendJson(res, 400, googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]));
    }
    if (!this.models.has(model)) return sendJson(res, 404, googleError(404, 'NOT_FOUND', `models/${model} is not found for API version v1beta, or is not supported for generateContent.`));

    if (!method) {
      if (req.method !== 'GET') return sendJson(res, 405, googleError(405, 'METHOD_NOT_ALLOWED', 'use GET'));
      const b = this.verifyBehaviour;
      if (b) {
        record.behaviour = b.kind;
        return this.fail(req, res, b);
      }
      return sendJson(res, 200, { name: `models/${model}`, displayName: model, inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: ['generateContent', 'countTokens'] });
    }

    const b = this.nextBehaviour(record);
    record.behaviour = b.kind;
    if (b.kind !== 'ok' && b.kind !== 'bad_json' && b.kind !== 'safety') return this.fail(req, res, b);
    if (b.kind === 'ok' && b.delayMs && !(await wait(res, b.delayMs))) return;

    const inputTokens = approxTokens(record.promptText);
    if (b.kind === 'safety') {
      const usageMetadata = { promptTokenCount: inputTokens, totalTokenCount: inputTokens };
      const blocked = { candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH', blocked: true }] }], usageMetadata, modelVersion: model };
      return stream ? sendSse(res, [JSON.stringify(blocked)], '\r\n\r\n') : sendJson(res, 200, blocked);
    }
    const text = b.kind === 'bad_json' ? '{"acknowledgement": "Thanks", "followUp": ' : b.text ?? (b.json !== undefined ? JSON.stringify(b.json) : 'Okay.');
    const outputTokens = b.kind === 'ok' && b.usage ? b.usage.output : approxTokens(text);
    const input = b.kind === 'ok' && b.usage ? b.usage.input : inputTokens;
    const cached = b.kind === 'ok' && b.usage?.cached !== undefined ? b.usage.cached : Math.min(input, this.cachedTokens(model, record.promptText));
    const usageMetadata = { promptTokenCount: input, candidatesTokenCount: outputTokens, totalTokenCount: input + outputTokens, ...(cached ? { cachedContentTokenCount: cached } : {}) };
    this.served.push({ model, inputTokens: input, outputTokens, stream });
    if (!stream) {
      return sendJson(res, 200, { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: model, responseId: `fake-${this.requests.length}` });
    }
    const parts = pieces(text);
    const events = parts.map((p, i) => {
      const last = i === parts.length - 1;
      return JSON.stringify({
        candidates: [{ content: { role: 'model', parts: [{ text: p }] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
        ...(last ? { usageMetadata } : { usageMetadata: { promptTokenCount: input } }),
        modelVersion: model,
      });
    });
    sendSse(res, events, '\r\n\r\n');
  }

  private async fail(_req: IncomingMessage, res: ServerResponse, b: Behaviour): Promise<void> {
    switch (b.kind) {
      case 'hang':
        await wait(res, 600_000);
        return;
      case 'reset':
        res.socket?.destroy();
        return;
      case 'rate_limit': {
        const s = b.retryAfterS ?? 1;
        return sendJson(res, 429, googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota.', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${s}s` }]), { 'retry-after': String(s) });
      }
      case 'server_error': {
        const status = b.status ?? 500;
        return sendJson(res, status, googleError(status, status === 503 ? 'UNAVAILABLE' : 'INTERNAL', 'An internal error has occurred.'));
      }
      case 'unauthorized':
        return sendJson(res, 401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'));
      case 'not_found':
        return sendJson(res, 404, googleError(404, 'NOT_FOUND', 'model not found'));
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"candidates": [{"content": <<<not json');
        return;
      default:
        return sendJson(res, 500, googleError(500, 'INTERNAL', `unexpected behaviour ${b.kind}`));
    }
  }
}

function googleError(code: number, status: string, message: string, details?: unknown[]) {
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

function promptOf(body: GeminiBody): string {
  const sys = typeof body.systemInstruction === 'string' ? body.systemInstruction : (body.systemInstruction?.parts ?? []).map((p) => p.text ?? '').join('\n');
  const rest = (body.contents ?? []).flatMap((c) => (c.parts ?? []).map((p) => p.text ?? ''));
  return [sys, ...rest].filter(Boolean).join('\n');
}
