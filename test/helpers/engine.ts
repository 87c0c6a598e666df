import { InterviewEngine, type EngineOptions } from '../../src/engine/engine.ts';
import type { KeyValueStore } from '../../src/engine/store/kv.ts';
import { MemoryKeyValueStore } from '../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../src/engine/store/session-store.ts';
import { silentLogger } from '../../src/logger.ts';

/** An engine over an in-memory store (or the given one), with a controllable clock. */
export function makeEngine(opts: Partial<EngineOptions> & { kv?: KeyValueStore } = {}) {
  const clock = { t: Date.parse('2026-11-26T10:00:00Z') };
  const kv = opts.kv ?? new MemoryKeyValueStore();
  const store = new SessionStore(kv);
  const engine = new InterviewEngine({ store, logger: silentLogger(), now: () => clock.t, ...opts });
  return { engine, store, kv, clock };
}

export const STRONG_BEHAVIORAL =
  'At my previous company our checkout service was failing during peak sales and the team was under pressure. ' +
  'My task was to own the reliability fix before Black Friday. I investigated the logs, found a connection pool leak in the payment client, ' +
  'and I wrote a fix, added load tests and set up alerts in Grafana. I also organised a short review with the two other engineers. ' +
  'As a result, checkout errors dropped by 85% and we handled 3x the traffic with no incident. I learned to load test before every peak season.';

export const WEAK = 'I think it went fine, we did some stuff.';
