import { describe, expect, it } from 'vitest';
import type { Brain } from '../../src/engine/brain.ts';
import { heuristicScore } from '../../src/engine/scoring/heuristic.ts';
import { apiForTest, post, runInterview } from './helpers.ts';

/** The value of one sample line, e.g. metric('x_total{type="a"}'). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics', () => {
  it('counts interviews, turns, errors and requests in Prometheus format', async () => {
    const made = await apiForTest();
    const { app, engine } = made;
    await runInterview(app, { userId: 'm1' });
    const s = await post(app, '/api/interview/behavioral/start', { user_id: 'm1' });
    await post(app, '/api/interview/behavioral/respond', { session_id: s.json.session_id, action: 'end' });
    await post(app, '/api/interview/behavioral/respond', { session_id: 'missing', user_response: 'x' });
    // A chat surface's interview is counted too, under its own surface label.
    await engine.start({ key: 'slack:T:C:1', userKey: 'slack:U', type: 'technical' });

    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(sample(text, 'interview_sessions_started_total', { type: 'screening', surface: 'http' })).toBe(1);
    expect(sample(text, 'interview_sessions_started_total', { type: 'behavioral', surface: 'http' })).toBe(1);
    expect(sample(text, 'interview_sessions_started_total', { type: 'technical', surface: 'slack' })).toBe(1);
    expect(sample(text, 'interview_sessions_finished_total', { type: 'screening', outcome: 'completed' })).toBe(1);
    expect(sample(text, 'interview_sessions_finished_total', { type: 'behavioral', outcome: 'ended' })).toBe(1);
    expect(sample(text, 'interview_turn_duration_seconds_count', { type: 'screening', surface: 'http' })).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'interview_http_errors_total', { code: 'session_not_found', status: '404' })).toBe(1);
    expect(sample(text, 'interview_http_requests_total', { method: 'POST', route: '/api/interview/:type/start', status: '200' })).toBe(2);
    // Declared even before the first model call, so dashboards and alerts can reference them.
    for (const name of ['interview_provider_calls_total', 'interview_fallbacks_total', 'interview_llm_tokens_total', 'interview_llm_cost_usd_total']) expect(text).toContain(`# TYPE ${name} counter`);
  });

  it('records provider calls, fallbacks, tokens and cost from the engine', async () => {
    // A scripted interviewer: its reactions were answered by OpenAI after Gemini failed; its summary call fails outright.
    const brain: Brain = {
      name: 'scripted',
      async react() {
        return {
          value: { acknowledgement: 'Thanks, that is clear.', declined: false },
          calls: [{ at: 0, purpose: 'react', provider: 'openai', model: 'gpt-4o-mini', inputTokens: 1200, outputTokens: 80, costUsd: 0.00023, ms: 900, fallbackFrom: ['gemini'] }],
        };
      },
      async score(q, answer) {
        return { value: heuristicScore(q, answer), calls: [] };
      },
      async summarize() {
        throw new Error('every provider is down');
      },
    };
    const made = await apiForTest({}, { brain });
    const { last } = await runInterview(made.app, { userId: 'calls' });
    expect(last.json.is_complete).toBe(true);
    const turns = 5;
    const text = (await made.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'interview_provider_calls_total', { provider: 'openai', purpose: 'react', outcome: 'ok' })).toBe(turns);
    expect(sample(text, 'interview_provider_calls_total', { provider: 'gemini', purpose: 'react', outcome: 'failed' })).toBe(turns);
    expect(sample(text, 'interview_fallbacks_total', { from: 'gemini', to: 'openai' })).toBe(turns);
    expect(sample(text, 'interview_fallbacks_total', { from: 'scripted', to: 'offline' })).toBe(1);
    expect(sample(text, 'interview_llm_tokens_total', { provider: 'openai', direction: 'in' })).toBe(1200 * turns);
    expect(sample(text, 'interview_llm_tokens_total', { provider: 'openai', direction: 'out' })).toBe(80 * turns);
    expect(sample(text, 'interview_llm_cost_usd_total', { provider: 'openai' })).toBeCloseTo(0.00023 * turns, 8);
  });
});
