/** The one small surface every language-model provider implements. */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface JsonOutput {
  /** A short identifier for the shape (OpenAI requires one; Gemini ignores it). */
  name: string;
  /** A JSON Schema every property of which is required (OpenAI strict mode). */
  schema: object;
}

export interface GenerateOptions {
  temperature?: number;
  maxOutputTokens?: number;
  json?: JsonOutput;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Part of inputTokens the provider served from its prompt cache (billed at the cached rate). */
  cachedInputTokens?: number;
}

export interface GenerateResult {
  text: string;
  usage: Usage;
  provider: string;
  model: string;
}

export interface StreamChunk {
  text?: string;
  usage?: Usage;
}

/** What a start-up check found out about a provider. */
export interface VerifyResult {
  ok: boolean;
  /** Plain text, never containing a key. */
  detail?: string;
}

export interface LanguageModel {
  /** 'gemini', 'openai' or 'openai-compatible'. */
  readonly provider: string;
  readonly model: string;
  generate(messages: ChatMessage[], options: GenerateOptions, signal?: AbortSignal): Promise<GenerateResult>;
  stream?(messages: ChatMessage[], options: GenerateOptions, signal?: AbortSignal): AsyncIterable<StreamChunk>;
  /** One cheap request (model lookup) that proves the key, the model and the base URL. Throws ProviderError. */
  verify?(signal?: AbortSignal): Promise<void>;
}
