import type { IncomingMessage, ServerResponse } from 'node:http';
import { approxTokens, type Behaviour, type FakeRequest } from './behaviour.ts';
import { pieces, readBody, sendJson, sendSse, wait } from './http.ts';
import { purposeOf } from './interviewer-responder.ts';
import { FakeModelServer, type FakeServerOptions } from './server.ts';

interface ChatBody {
  model?: string;
  messages?: { role: string; content: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
}

/**
 * Speaks the OpenAI Chat Completions API (and what Ollama/vLLM expose of it):
 * POST /v1/chat/completions with SSE streaming ending in `data: [DONE]`, GET /v1/models.
 */
export class FakeOpenAI extends FakeModelServer {
  constructor(o: FakeServerOptions = {}) {
    super({ models: ['gpt-4o-mini'], ...o });
  }

  /** Base URL for the SDK (`baseURL`). */
  get baseURL(): string {
    return `${this.url}/v1`;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = await readBody(req);
    let body: ChatBody = {};
    try {
      body = raw ? (JSON.parse(raw) as ChatBody) : {};
    } catch {
      /* recorded as is */
    }
    const record: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers: req.headers,
      body,
      model: body.model ?? '',
      stream: body.stream === true,
      promptText: (body.messages ?? []).map((m) => m.content).join('\n'),
      purpose: purposeOf(body.response_format?.json_schema?.schema),
      at: Date.now(),
    };
    this.requests.push(record);

    if (this.apiKey && req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return sendJson(res, 401, openaiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
    if (req.method === 'GET' && url.pathname === '/v1/models') {
      const b = this.verifyBehaviour;
      if (b) {
        record.behaviour = b.kind;
        return this.fail(res, b);
      }
      return sendJson(res, 200, { object: 'list', data: [...this.models].map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) });
    }
    if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') return sendJson(res, 404, openaiError(`Unknown path ${url.pathname}`, 'invalid_request_error', null));
    if (!this.models.has(record.model)) return sendJson(res, 404, openaiError(`The model \`${record.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'));

    const b = this.nextBehaviour(record);
    record.behaviour = b.kind;
    if (b.kind !== 'ok' && b.kind !== 'bad_json' && b.kind !== 'safety') return this.fail(res, b);
    if (b.kind === 'ok' && b.delayMs && !(await wait(res, b.delayMs))) return;

    const id = `chatcmpl-fake${this.requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = b.kind === 'ok' && b.usage ? b.usage.input : approxTokens(record.promptText);
    if (b.kind === 'safety') {
      const usage = { prompt_tokens: promptTokens, completion_tokens: 0, total_tokens: promptTokens };
      if (!record.stream) return sendJson(res, 200, { id, object: 'chat.completion', created, model: record.model, choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null }, finish_reason: 'content_filter', logprobs: null }], usage });
      return sendSse(res, [JSON.stringify({ id, object: 'chat.completion.chunk', created, model: record.model, choices: [{ index: 0, delta: {}, finish_reason: 'content_filter' }] }), '[DONE]']);
    }
    const text = b.kind === 'bad_json' ? 'Sure! Here is my assessment: the candidate did well.' : b.text ?? (b.json !== undefined ? JSON.stringify(b.json) : 'Okay.');
    const completionTokens = b.kind === 'ok' && b.usage ? b.usage.output : approxTokens(text);
    const cached = b.kind === 'ok' && b.usage?.cached !== undefined ? b.usage.cached : Math.min(promptTokens, this.cachedTokens(record.model, record.promptText));
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, prompt_tokens_details: { cached_tokens: cached } };
    this.served.push({ model: record.model, inputTokens: promptTokens, outputTokens: completionTokens, stream: record.stream });
    if (!record.stream) {
      return sendJson(res, 200, { id, object: 'chat.completion', created, model: record.model, system_fingerprint: 'fp_fake', choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }], usage });
    }
    const chunk = (delta: object, finish: string | null) => JSON.stringify({ id, object: 'chat.completion.chunk', created, model: record.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
    const events = [chunk({ role: 'assistant', content: '' }, null), ...pieces(text).map((p) => chunk({ content: p }, null)), chunk({}, 'stop')];
    if (body.stream_options?.include_usage) events.push(JSON.stringify({ id, object: 'chat.completion.chunk', created, model: record.model, choices: [], usage }));
    events.push('[DONE]');
    sendSse(res, events);
  }

  private async fail(res: ServerResponse, b: Behaviour): Promise<void> {
    switch (b.kind) {
      case 'hang':
        await wait(res, 600_000);
        return;
      case 'reset':
        res.socket?.destroy();
        return;
      case 'rate_limit':
        return sendJson(res, 429, openaiError('Rate limit reached for requests.', 'requests', 'rate_limit_exceeded'), { 'retry-after': String(b.retryAfterS ?? 1) });
      case 'server_error':
        return sendJson(res, b.status ?? 500, openaiError('The server had an error while processing your request.', 'server_error', null));
      case 'unauthorized':
        return sendJson(res, 401, openaiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
      case 'not_found':
        return sendJson(res, 404, openaiError('The model does not exist.', 'invalid_request_error', 'model_not_found'));
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-x", "choices": [ <<<not json');
        return;
      default:
        return sendJson(res, 500, openaiError(`unexpected behaviour ${b.kind}`, 'server_error', null));
    }
  }
}

function openaiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}
