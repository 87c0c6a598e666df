import { ApiError, GoogleGenAI, type Content, type GenerateContentConfig, type GenerateContentResponse } from '@google/genai';
import { isAbortError, networkFailure } from '../../resilience/network.ts';
import { ProviderError, type ProviderErrorKind } from './errors.ts';
import type { ChatMessage, GenerateOptions, GenerateResult, LanguageModel, StreamChunk, Usage } from './types.ts';

/** Finish reasons that mean the model refused or was blocked: another try gives the same answer. */
const BLOCKED = new Set(['SAFETY', 'RECITATION', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'IMAGE_SAFETY', 'MODEL_ARMOR', 'OTHER_BLOCK']);

export interface GeminiOptions {
  apiKey: string;
  model: string;
  baseUrl?: string;
  /** One client can serve several models (GEMINI_MODELS); pass it to share connections. */
  client?: GoogleGenAI;
}

export function createGeminiClient(apiKey: string, baseUrl?: string): GoogleGenAI {
  // No retryOptions: the SDK then makes exactly one request, and the chain decides about retries.
  return new GoogleGenAI({ apiKey, ...(baseUrl ? { httpOptions: { baseUrl } } : {}) });
}

/** Gemini through the official SDK (`@google/genai`). */
export class GeminiModel implements LanguageModel {
  readonly provider = 'gemini';
  readonly model: string;
  private readonly ai: GoogleGenAI;

  constructor(o: GeminiOptions) {
    this.model = o.model;
    this.ai = o.client ?? createGeminiClient(o.apiKey, o.baseUrl);
  }

  async generate(messages: ChatMessage[], options: GenerateOptions, signal?: AbortSignal): Promise<GenerateResult> {
    const { contents, config } = this.request(messages, options, signal);
    let res: GenerateContentResponse;
    try {
      res = await this.ai.models.generateContent({ model: this.model, contents, config });
    } catch (err) {
      throw this.toError(err, signal);
    }
    this.checkBlocked(res);
    const text = res.text;
    if (!text) throw this.error('malformed', 'the response had no text');
    return { text, usage: usageOf(res), provider: this.provider, model: this.model };
  }

  async *stream(messages: ChatMessage[], options: GenerateOptions, signal?: AbortSignal): AsyncIterable<StreamChunk> {
    const { contents, config } = this.request(messages, options, signal);
    let usage: Usage | undefined;
    try {
      const stream = await this.ai.models.generateContentStream({ model: this.model, contents, config });
      for await (const chunk of stream) {
        this.checkBlocked(chunk);
        if (chunk.usageMetadata) usage = usageOf(chunk);
        const text = chunk.text;
        if (text) yield { text };
      }
    } catch (err) {
      throw this.toError(err, signal);
    }
    yield { usage: usage ?? { inputTokens: 0, outputTokens: 0 } };
  }

  async verify(signal?: AbortSignal): Promise<void> {
    try {
      await this.ai.models.get({ model: this.model, config: signal ? { abortSignal: signal } : {} });
    } catch (err) {
      throw this.toError(err, signal);
    }
  }

  private request(messages: ChatMessage[], options: GenerateOptions, signal?: AbortSignal): { contents: Content[]; config: GenerateContentConfig } {
    const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
    const contents: Content[] = messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));
    // Continuation would re-send a dropped stream on its own; the chain owns retries.
    const config: GenerateContentConfig = { automaticContinuation: false };
    if (signal) config.abortSignal = signal;
    if (system) config.systemInstruction = system;
    if (options.temperature !== undefined) config.temperature = options.temperature;
    if (options.maxOutputTokens !== undefined) config.maxOutputTokens = options.maxOutputTokens;
    if (options.json) {
      config.responseMimeType = 'application/json';
      config.responseSchema = options.json.schema;
    }
    // 2.5 Flash "thinks" by default: seconds of latency and billed tokens an interview turn cannot afford.
    if (/^gemini-2\.5-flash/.test(this.model)) config.thinkingConfig = { thinkingBudget: 0 };
    return { contents, config };
  }

  private checkBlocked(res: GenerateContentResponse): void {
    const block = res.promptFeedback?.blockReason;
    if (block) throw this.error('safety', `the prompt was blocked (${block})`);
    const finish = res.candidates?.[0]?.finishReason;
    if (finish && BLOCKED.has(finish)) throw this.error('safety', `the answer was blocked (finishReason ${finish})`);
  }

  private error(kind: ProviderErrorKind, message: string, extra: { status?: number; retryable?: boolean; retryAfterMs?: number } = {}): ProviderError {
    return new ProviderError({ provider: this.provider, model: this.model, kind, message: `Gemini ${this.model}: ${message}`, ...extra });
  }

  private toError(err: unknown, signal?: AbortSignal): ProviderError {
    if (err instanceof ProviderError) return err;
    if (isAbortError(err) || signal?.aborted) {
      const timedOut = (signal?.reason as { name?: string } | undefined)?.name === 'TimeoutError';
      return this.error(timedOut ? 'timeout' : 'aborted', timedOut ? 'no answer before the deadline' : 'the request was cancelled');
    }
    if (err instanceof ApiError) return this.fromStatus(err.status, err.message);
    const net = networkFailure(err);
    if (net) return this.error('network', `connection failed (${net.code})`, { retryable: net.retryable });
    if (err instanceof SyntaxError || (err instanceof Error && /JSON|parsing stream chunk|Incomplete/i.test(err.message))) {
      return this.error('malformed', 'the response could not be read');
    }
    return this.error('server', `unexpected failure (${err instanceof Error ? err.name : typeof err})`, { retryable: false });
  }

  private fromStatus(status: number, rawMessage: string): ProviderError {
    const body = parseGoogleError(rawMessage);
    const what = `HTTP ${status}${body.status ? ` ${body.status}` : ''}${body.message ? `: ${body.message.slice(0, 140)}` : ''}`;
    const retryAfterMs = body.retryDelayMs;
    const extra = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    if (status === 401 || status === 403 || (status === 400 && /API_KEY_INVALID|API key not valid|API key expired/i.test(rawMessage))) return this.error('auth', `the API key was rejected (${what})`, extra);
    if (status === 404) return this.error('not_found', `unknown model or path (${what})`, extra);
    if (status === 408) return this.error('timeout', what, extra);
    if (status === 429) return this.error('rate_limit', what, extra);
    if (status >= 500) return this.error('server', what, extra);
    return this.error('bad_request', what, extra);
  }
}

function usageOf(res: GenerateContentResponse): Usage {
  const u = res.usageMetadata;
  // Thinking tokens are billed as output.
  const cached = u?.cachedContentTokenCount ?? 0;
  return { inputTokens: u?.promptTokenCount ?? 0, outputTokens: (u?.candidatesTokenCount ?? 0) + (u?.thoughtsTokenCount ?? 0), ...(cached ? { cachedInputTokens: cached } : {}) };
}

/** The SDK puts the error body, JSON-encoded, in the message; read the useful, non-secret parts. */
function parseGoogleError(raw: string): { status?: string; message?: string; retryDelayMs?: number } {
  try {
    const body = JSON.parse(raw) as { error?: { status?: string; message?: string; details?: { '@type'?: string; retryDelay?: string }[] } };
    const e = body.error ?? {};
    const delay = e.details?.find((d) => typeof d.retryDelay === 'string')?.retryDelay;
    const secs = delay ? Number.parseFloat(delay) : Number.NaN;
    return {
      ...(typeof e.status === 'string' ? { status: e.status } : {}),
      ...(typeof e.message === 'string' ? { message: e.message } : {}),
      ...(Number.isFinite(secs) ? { retryDelayMs: Math.round(secs * 1000) } : {}),
    };
  } catch {
    return {};
  }
}
