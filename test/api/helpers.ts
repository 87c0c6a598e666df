import { onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Brain } from '../../src/engine/brain.ts';
import { InterviewEngine } from '../../src/engine/engine.ts';
import type { KeyValueStore } from '../../src/engine/store/kv.ts';
import { createApp } from '../../src/app/app.ts';
import { NO_PARTS } from '../../src/app/parts.ts';
import { SessionStore } from '../../src/engine/store/session-store.ts';
import { silentLogger } from '../../src/logger.ts';
import { createApiServer, type ApiServerOptions } from '../../src/api/server.ts';
import { STRONG_BEHAVIORAL } from '../helpers/engine.ts';

export { STRONG_BEHAVIORAL };

/** A server over an in-memory store with the offline interviewer; env overrides as strings, like the real environment. */
export async function makeApi(env: Record<string, string> = {}, extra: Partial<ApiServerOptions> & { kv?: KeyValueStore; brain?: Brain } = {}) {
  const config = loadConfig({ STORE_URL: 'memory://', ...env });
  const logger = extra.logger ?? silentLogger();
  // The real runtime (store from STORE_URL, mode lines), unless a test brings its own store.
  const rt = extra.kv ? undefined : await createApp(config, logger, { ...NO_PARTS, interviewer: extra.brain ?? null });
  const kv = extra.kv ?? rt!.kv;
  const engine = rt?.engine ?? new InterviewEngine({ store: new SessionStore(kv), logger, maxAnswerChars: config.MAX_ANSWER_CHARS });
  const { brain: _brain, kv: _kv, ...serverOpts } = extra;
  const api = await createApiServer({ engine, kv, logger, config, processMetrics: false, voiceRoutes: false, modeNotes: rt?.modeNotes ?? (() => []), ...serverOpts });
  return { api, app: api.app, engine, kv, config };
}

/** makeApi inside a test, closed when that test finishes. */
export async function apiForTest(...args: Parameters<typeof makeApi>) {
  const made = await makeApi(...args);
  onTestFinished(() => made.api.close());
  return made;
}

type Inject = Awaited<ReturnType<typeof makeApi>>['app'];

export async function post(app: Inject, url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'POST', url, payload: body as object, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.statusCode, json: res.json() as Record<string, any>, headers: res.headers };
}

/** Runs a whole interview through the API: answers every question (and follow-up) until the report. */
export async function runInterview(app: Inject, opts: { type?: string; userId: string; answer?: string; headers?: Record<string, string>; maxTurns?: number }) {
  const type = opts.type ?? 'screening';
  const start = await post(app, `/api/interview/${type}/start`, { user_id: opts.userId, user_name: 'Emma' }, opts.headers);
  if (start.status !== 200) throw new Error(`start failed: ${start.status} ${JSON.stringify(start.json)}`);
  const id = start.json.session_id as string;
  let last = start;
  for (let i = 0; i < (opts.maxTurns ?? 40) && !last.json.is_complete; i++) {
    last = await post(app, `/api/interview/${type}/respond`, { session_id: id, user_response: opts.answer ?? STRONG_BEHAVIORAL }, opts.headers);
    if (last.status !== 200) throw new Error(`respond failed: ${last.status} ${JSON.stringify(last.json)}`);
  }
  return { id, start, last };
}
