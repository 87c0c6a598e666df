import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { openAIFailure } from '../../resilience/openai-errors.ts';
import { ProviderError, type ProviderErrorKind } from './errors.ts';
import type { ChatMessage, GenerateOptions, GenerateResult, LanguageModel, StreamChunk, Usage } from './types.ts';

export interface OpenAiOptions {
  /** Absent for a self-hosted OpenAI-compatible server (Ollama, vLLM, LM Studio). */
  apiKey?: string;
  baseUrl?: string;
  model: string;
  /** Client-side cap per request; the chain's own deadline is usually shorter. */
  timeoutMs?: number;
}

/** OpenAI, or any server speaking its Chat Completions API, through the official SDK. */
export class OpenAiModel implements LanguageModel {
  readonly provider: string;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly label: string;

  constructor(o: OpenAiOptions) {
    this.model = o.model;
    this.provider = o.apiKey ? 'openai' : 'openai-compatible';
    this.label = o.apiKey ? 'OpenAI' : 'OpenAI-compatible server';
    // maxRetries 0: the chain owns retries, backoff and fall-through.
    this.client = new OpenAI({ apiKey: o.apiKey ?? 'not-needed', ...(o.baseUrl ? { baseURL: o.baseUrl } : {}), maxRetries: 0, timeout: o.timeoutMs ?? 60_000 });
  }

  async generate(messages: ChatMessage[], options: GenerateOptions, signal?: AbortSignal): Promise<GenerateResult> {
    const body: ChatCompletionCreateParamsNonStreaming = { ...this.params(messages, options), stream: false };
    let res: OpenAI.Chat.Completions.ChatCompletion;
    try {
      res = await this.client.chat.completions.create(body, signal ? { signal } : {});
    } catch (err) {
      throw this.toError(err, signal);
    }
    const choice = res.choices?.[0];
    if (!choice) throw this.error('malformed', 'the response had no choices');
    if (choice.finish_reason === 'content_filter' || choice.message?.refusal) throw this.error('safety', `the answer was refused (${choice.message?.refusal ? 'refusal' : 'content_filter'})`);
    const text = choice.message?.content;
    if (!text) throw this.error('malformed', 'the response had no text');
    return { text, usage: usageOf(res.usage), provider: this.provider, model: this.model };
  }

  async *stream(messages: ChatMessage[], options: GenerateOptions, signal?: AbortSignal): AsyncIterable<StreamChunk> {
    const body: ChatCompletionCreateParamsStreaming = { ...this.params(messages, options), stream: true, stream_options: { include_usage: true } };
    let usage: Usage | undefined;
    try {
      const stream = await this.client.chat.completions.create(body, signal ? { signal } : {});
      for await (const chunk of stream) {
        if (chunk.usage) usage = usageOf(chunk.usage);
        const choice = chunk.choices?.[0];
        if (choice?.finish_reason === 'content_filter') throw this.error('safety', 'the answer was refused (content_filter)');
        const text = choice?.delta?.content;
        if (text) yield { text };
      }
    } catch (err) {
      throw this.toError(err, signal);
    }
    yield { usage: usage ?? { inputTokens: 0, outputTokens: 0 } };
  }

  /** Lists the server's models: proves the key and the base URL, and that the model exists there. */
  async verify(signal?: AbortSignal): Promise<void> {
    let ids: string[];
    try {
      const page = await this.client.models.list(signal ? { signal } : {});
      ids = page.data.map((m) => m.id);
    } catch (err) {
      const e = this.toError(err, signal);
      // Some compatible servers have no model listing; that says nothing about the model.
      if (e.kind === 'not_found' && this.provider === 'openai-compatible') return;
      throw e;
    }
    if (ids.length && !ids.includes(this.model)) {
      throw this.error('not_found', `model "${this.model}" is not offered by the server (it lists ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''})`, { status: 404 });
    }
  }

  private params(messages: ChatMessage[], options: GenerateOptions) {
    return {
      model: this.model,
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      // OpenAI wants max_completion_tokens; many compatible servers still only know max_tokens.
      ...(options.maxOutputTokens !== undefined ? (this.provider === 'openai' ? { max_completion_tokens: options.maxOutputTokens } : { max_tokens: options.maxOutputTokens }) : {}),
      ...(options.json ? { response_format: { type: 'json_schema' as const, json_schema: { name: options.json.name, schema: options.json.schema as Record<string, unknown>, strict: true } } } : {}),
    };
  }

  private error(kind: ProviderErrorKind, message: string, extra: { status?: number; retryable?: boolean; retryAfterMs?: number } = {}): ProviderError {
    return new ProviderError({ provider: this.provider, model: this.model, kind, message: `${this.label} ${this.model}: ${message}`, ...extra });
  }

  private toError(err: unknown, signal?: AbortSignal): ProviderError {
    if (err instanceof ProviderError) return err;
    const f = openAIFailure(err, signal ? { signal } : {});
    const { kind, message, ...extra } = f;
    return this.error(kind, kind === 'auth' ? `the API key was rejected (${message})` : kind === 'not_found' ? `unknown model or path (${message})` : message, extra);
  }
}
/** Tokens from an OpenAI usage record; OpenAI reports prompt-cache hits under prompt_tokens_details. */
function usageOf(u: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } } | null | undefined): Usage {
  const cached = u?.prompt_tokens_details?.cached_tokens ?? 0;
  return { inputTokens: u?.prompt_tokens ?? 0, outputTokens: u?.completion_tokens ?? 0, ...(cached ? { cachedInputTokens: cached } : {}) };
}
