import type { HealthSources, ProviderHealth } from './health.ts';

/**
 * Health sources from whatever the wiring built. The wiring may hand over ready-made sources
 * (`healthSources`) or an `llm` chain whose `health()` lists its providers
 * ({ provider, model, configured, state: 'ok' | 'open-circuit' | 'over-quota' | 'misconfigured', lastError }).
 * That shape belongs to the language-model layer, so it is read defensively here.
 */
export function healthSourcesFromExtras(extras: object): HealthSources {
  const e = extras as { healthSources?: HealthSources; llm?: { health?: () => unknown } };
  const sources: HealthSources = { ...e.healthSources };
  const llm = e.llm;
  if (!sources.providers && llm && typeof llm.health === 'function') {
    sources.providers = async () => toProviders(await llm.health!());
  }
  return sources;
}

type Loose = Record<string, unknown>;

function toProviders(raw: unknown): ProviderHealth[] {
  const list: Loose[] = Array.isArray(raw)
    ? (raw as Loose[])
    : raw && typeof raw === 'object'
      ? Array.isArray((raw as Loose).providers)
        ? ((raw as Loose).providers as Loose[])
        : Object.entries(raw as Loose).map(([name, v]) => ({ name, ...(v as Loose) }))
      : [];
  return list
    .filter((p) => p && typeof p === 'object')
    .map((p) => {
      const name = String(p.name ?? p.provider ?? p.id ?? 'provider');
      const state = typeof p.state === 'string' ? p.state : typeof p.circuit === 'string' ? p.circuit : undefined;
      const configured = typeof p.configured === 'boolean' ? p.configured : true;
      const ok = configured && (typeof p.ok === 'boolean' ? p.ok : typeof p.healthy === 'boolean' ? p.healthy : state === 'ok' || state === 'closed' || state === 'ready');
      const detail = typeof p.detail === 'string' ? p.detail : typeof p.lastError === 'string' ? p.lastError : undefined;
      return {
        name,
        configured,
        ok,
        ...(typeof p.model === 'string' ? { model: p.model } : {}),
        ...(state ? { state } : {}),
        ...(detail ? { detail } : {}),
      };
    });
}
