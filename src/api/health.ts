import type { KeyValueStore } from '../engine/store/kv.ts';
import type { HealthJson } from './schemas.ts';

export interface ProviderHealth {
  /** 'gemini', 'openai', 'openai-compatible'... */
  name: string;
  configured: boolean;
  /** Would be tried right now (configured, circuit closed, quota left). */
  ok: boolean;
  model?: string;
  /** e.g. 'ready', 'circuit_open', 'quota_exhausted', 'unconfigured'. */
  state?: string;
  detail?: string;
}

export interface GpuHealth {
  configured: boolean;
  ok: boolean;
  detail?: string;
  /** Per service, when known: stt, tts, embeddings. */
  services?: Record<string, boolean>;
}

export interface ComponentHealth {
  configured: boolean;
  ok: boolean;
  detail?: string;
}

type MaybeAsync<T> = T | Promise<T>;

/**
 * Where /health learns about the parts it does not own. Other parts add themselves by setting
 * a field (the object is read on every request, so additions after start-up count).
 */
export interface HealthSources {
  /** Language-model providers, in priority order. */
  providers?: () => MaybeAsync<ProviderHealth[]>;
  gpu?: () => MaybeAsync<GpuHealth>;
  /** Voice fallbacks that work without the GPU server. */
  voiceFallback?: () => MaybeAsync<{ edgeTts: boolean; cloudStt?: boolean }>;
  /** How customize interviews retrieve from documents right now, when a part knows better than the default rule. */
  customize?: () => MaybeAsync<HealthJson['mode']['customize']>;
  /** Model requests and interviews left today at the current rate, when daily quotas are set. */
  quota?: () => MaybeAsync<{ requestsLeftToday: number | null; requestsPerInterview: number; interviewsLeftToday: number | null; basis: 'measured' | 'estimate' }>;
  /** Anything else worth reporting (discord, slack...). A configured component that is not ok degrades the status. */
  components?: Record<string, () => MaybeAsync<ComponentHealth>>;
}

export interface HealthContext {
  kv: KeyValueStore;
  sources: HealthSources;
  notes: () => string[];
  version: string;
  startedAt: number;
  /** Per-source time limit, so a stuck dependency cannot hang /health. */
  timeoutMs?: number;
}

async function within<T>(ms: number, fn: () => MaybeAsync<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([Promise.resolve().then(fn), new Promise<T>((r) => (timer = setTimeout(() => r(fallback), ms)))]);
  } catch {
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}

const failed = (detail: string) => ({ configured: true, ok: false, detail });

/**
 * The state of every dependency and the mode that follows from it (DESIGN.md's degradation
 * table): no provider -> offline interviewer; no GPU -> Edge TTS or text; no GPU -> lexical
 * retrieval; without documents customize uses bank questions (the wiring reports the live mode).
 */
export async function checkHealth(ctx: HealthContext): Promise<{ code: number; body: HealthJson }> {
  const ms = ctx.timeoutMs ?? 2000;
  const s = ctx.sources;
  const [providers, gpu, voiceFallback, customizeOverride, storeOk, components, quota] = await Promise.all([
    s.providers ? within(ms, s.providers, [{ name: 'language-model', ...failed('health check timed out or failed') }]) : Promise.resolve([] as ProviderHealth[]),
    s.gpu ? within<GpuHealth>(ms, s.gpu, failed('health check timed out or failed')) : Promise.resolve<GpuHealth>({ configured: false, ok: false, detail: 'GPU_SERVER_URL not set' }),
    s.voiceFallback ? within(ms, s.voiceFallback, { edgeTts: false }) : Promise.resolve({ edgeTts: false }),
    s.customize ? within(ms, s.customize, undefined) : Promise.resolve(undefined),
    within(ms, () => ctx.kv.ping(), false),
    Promise.all(Object.entries(s.components ?? {}).map(async ([k, fn]) => [k, await within<ComponentHealth>(ms, fn, failed('health check timed out or failed'))] as const)),
    s.quota ? within(ms, s.quota, undefined) : Promise.resolve(undefined),
  ]);

  const live = providers.find((p) => p.ok);
  const interviewer: HealthJson['mode']['interviewer'] = !live ? 'offline' : live.name.startsWith('gemini') ? 'gemini' : 'openai';
  const ttsUp = gpu.ok && gpu.services?.tts !== false;
  const voice: HealthJson['mode']['voice'] = ttsUp ? 'gpu' : voiceFallback.edgeTts ? 'edge-tts' : 'text-only';
  const customize = customizeOverride ?? (interviewer === 'offline' ? 'bank-only' : gpu.ok ? 'hybrid' : 'lexical');

  const degraded =
    providers.some((p) => p.configured && !p.ok) || (gpu.configured && !gpu.ok) || components.some(([, c]) => c.configured && !c.ok);
  const status: HealthJson['status'] = !storeOk ? 'unavailable' : degraded ? 'degraded' : 'ok';

  const body: HealthJson = {
    status,
    mode: { interviewer, voice, customize },
    providers: Object.fromEntries(providers.map((p) => [providerKey(p, providers), { configured: p.configured, ok: p.ok, ...(p.model ? { model: p.model } : {}), ...(p.state ? { state: p.state } : {}), ...(p.detail ? { detail: p.detail } : {}) }])),
    gpu: { configured: gpu.configured, ok: gpu.ok, ...(gpu.detail ? { detail: gpu.detail } : {}), ...(gpu.services ? { services: gpu.services } : {}) },
    store: { kind: ctx.kv.kind, ok: storeOk },
    ...(components.length ? { components: Object.fromEntries(components) } : {}),
    ...(quota ? { quota: { requests_left_today: quota.requestsLeftToday, requests_per_interview: quota.requestsPerInterview, interviews_left_today: quota.interviewsLeftToday, basis: quota.basis } } : {}),
    notes: safeNotes(ctx.notes),
    version: ctx.version,
    uptime_s: Math.round((Date.now() - ctx.startedAt) / 1000),
  };
  // Only a dead store makes the service unusable; a degraded one still interviews (offline, in text).
  return { code: storeOk ? 200 : 503, body };
}

/** The provider's name, or name:model when one provider is listed with several models (Gemini's fallbacks). */
function providerKey(p: ProviderHealth, all: ProviderHealth[]): string {
  return all.filter((x) => x.name === p.name).length > 1 && p.model ? `${p.name}:${p.model}` : p.name;
}

function safeNotes(notes: () => string[]): string[] {
  try {
    return notes();
  } catch {
    return [];
  }
}

/**
 * A direct probe of the GPU server's /health for when no speech client reports on it.
 * Cached so frequent health checks (load balancers poll every few seconds) cost one request.
 */
export function gpuProbe(baseUrl: string, apiKey: string | undefined, cacheMs = 15_000, timeoutMs = 1500): () => Promise<GpuHealth> {
  let cached: { at: number; value: GpuHealth } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < cacheMs) return cached.value;
    let value: GpuHealth;
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(timeoutMs), headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
      await res.body?.cancel();
      value = res.ok ? { configured: true, ok: true } : { configured: true, ok: false, detail: `GPU server answered ${res.status}` };
    } catch (err) {
      value = { configured: true, ok: false, detail: (err as Error).name === 'TimeoutError' ? 'GPU server did not answer in time' : 'GPU server unreachable' };
    }
    cached = { at: Date.now(), value };
    return value;
  };
}
