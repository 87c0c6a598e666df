import { createRng } from '../../../src/engine/rng.ts';

/** What a fake model server does with one generate request. */
export type Behaviour =
  | { kind: 'ok'; text?: string; json?: unknown; usage?: { input: number; output: number; cached?: number }; delayMs?: number }
  /** Holds the request open until the client gives up (or the fake closes). */
  | { kind: 'hang' }
  | { kind: 'rate_limit'; retryAfterS?: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'unauthorized' }
  | { kind: 'not_found' }
  /** HTTP 200 whose body is not JSON at all. */
  | { kind: 'malformed' }
  /** A well-formed response whose model text is not the JSON that was asked for. */
  | { kind: 'bad_json' }
  | { kind: 'safety' }
  /** The socket is destroyed before any response byte. */
  | { kind: 'reset' };

export type BehaviourKind = Behaviour['kind'];

/** One request as the fake saw it. */
export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  model: string;
  stream: boolean;
  /** Every text part of the prompt, system instruction included, joined by newlines. */
  promptText: string;
  /** 'react' | 'score' | 'summary' | 'text', read from the requested JSON shape. */
  purpose: string;
  at: number;
  behaviour?: BehaviourKind;
}

/** Tokens a fake reported for one successful answer, so cost accounting can be checked. */
export interface Served {
  model: string;
  inputTokens: number;
  outputTokens: number;
  stream: boolean;
}

export type Responder = (req: FakeRequest) => Behaviour;

export interface ChaosOptions {
  seed: number;
  /** Relative weights; anything not listed is 0. `ok` defaults to 1. */
  weights: Partial<Record<Exclude<BehaviourKind, 'unauthorized' | 'not_found'> | 'slow', number>>;
  /** For `slow`: how long the answer is held back (ms). */
  slowMs?: number;
}

/** A seeded random mix of failures; successes are answered by `base`. */
export function chaosResponder(o: ChaosOptions, base: Responder): Responder {
  const rand = createRng(o.seed);
  const entries = Object.entries({ ok: 1, ...o.weights }).filter(([, w]) => (w ?? 0) > 0) as [string, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  return (req) => {
    let r = rand() * total;
    let chosen = 'ok';
    for (const [k, w] of entries) {
      r -= w;
      if (r <= 0) {
        chosen = k;
        break;
      }
    }
    if (chosen === 'ok') return base(req);
    if (chosen === 'slow') {
      const b = base(req);
      return b.kind === 'ok' ? { ...b, delayMs: o.slowMs ?? 50 } : b;
    }
    if (chosen === 'rate_limit') return { kind: 'rate_limit', retryAfterS: 0 };
    return { kind: chosen } as Behaviour;
  };
}

export function approxTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
