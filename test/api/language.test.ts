import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApiServer } from '../../src/api/server.ts';
import { SessionView, StartResponse } from '../../src/api/schemas.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildApp } from '../../src/app/app.ts';
import { type Fakes, GEMINI_KEY, startFakes } from '../engine/llm/setup.ts';
import { apiForTest, post } from './helpers.ts';

const SPANISH_ANSWER =
  'En mi último empleo el servicio de pagos fallaba durante las rebajas y el equipo estaba bajo mucha presión. ' +
  'Mi tarea era arreglarlo antes del Black Friday. Revisé los registros, encontré una fuga de conexiones en el cliente de pagos, ' +
  'escribí la corrección, añadí pruebas de carga y configuré alertas en Grafana. Como resultado, los errores bajaron un 85 % ' +
  'y soportamos el triple de tráfico sin incidentes. Aprendí a hacer pruebas de carga antes de cada temporada alta.';

describe('an interview in Spanish over HTTP, on Gemini', () => {
  let f: Fakes;
  beforeEach(async () => {
    f = await startFakes();
  });
  afterEach(async () => {
    await f.close();
  });

  async function server() {
    const config = loadConfig({ STORE_URL: 'memory://', GEMINI_API_KEY: GEMINI_KEY, GEMINI_BASE_URL: f.gemini.url, GEMINI_MODELS: 'gemini-2.5-flash', LLM_TURN_DEADLINE_MS: '3000' });
    const logger = silentLogger();
    const app = await buildApp(config, logger, { speech: false });
    const api = await createApiServer({ engine: app.engine, kv: app.kv, logger, config, processMetrics: false, voiceRoutes: false, modeNotes: app.modeNotes });
    return { app: api.app, close: async () => { await api.close(); await app.close(); } };
  }

  test('prompts ask for Spanish, the replies are the model\'s own words, and the report is in Spanish', async () => {
    const { app, close } = await server();
    try {
      const start = await post(app, '/api/interview/behavioral/start', { user_id: 'maria', user_name: 'María', language: 'es' });
      expect(start.status).toBe(200);
      expect(() => StartResponse.parse(start.json)).not.toThrow();
      expect(start.json.language).toBe('es');
      expect(start.json.messages[0]).toMatch(/^Hola María, soy Alex/);
      // The bank question was translated when the plan was made (the fake tags its translations).
      expect(start.json.messages.at(-1)).toMatch(/^Empecemos\. \[Spanish\] /);
      expect(f.gemini.requests.filter((r) => r.purpose === 'translate')).toHaveLength(1);

      let last = start;
      for (let i = 0; i < 20 && !last.json.is_complete; i++) {
        last = await post(app, '/api/interview/behavioral/respond', { session_id: start.json.session_id, user_response: SPANISH_ANSWER });
        expect(last.status).toBe(200);
        if (i === 0) {
          // The model's acknowledgement is shown exactly as it gave it.
          expect(last.json.messages[0]).toBe('Gracias, eso me da una idea clara de lo que hiciste.');
          expect(last.json.messages[1]).toMatch(/^(Siguiente pregunta|Última pregunta)\. \[Spanish\] /);
        }
      }
      expect(last.json.is_complete).toBe(true);
      const reacts = f.gemini.requests.filter((r) => r.purpose === 'react');
      expect(reacts.length).toBeGreaterThan(0);
      for (const r of reacts) expect(r.promptText).toContain('this interview is conducted in Spanish');
      const summary = f.gemini.requests.find((r) => r.purpose === 'summary')!;
      expect(summary.promptText).toContain('conducted in Spanish');

      const report = last.json.report;
      expect(report.language).toBe('es');
      expect(['Destacado', 'Sólido', 'En desarrollo', 'Necesita trabajo']).toContain(report.overall.label);
      // "What a strong answer includes" was translated with the plan: no English line in the Spanish report.
      for (const q of report.questions as { strongAnswer?: string }[]) if (q.strongAnswer) expect(q.strongAnswer).toMatch(/^\[Spanish\] /);
      expect(report.questions.some((q: { strongAnswer?: string }) => q.strongAnswer)).toBe(true);
      expect(report.summary).toMatch(/^Respondiste con ejemplos reales/);
      expect(report.report_markdown).toContain('## Evaluación de la entrevista conductual para María');
      expect(report.report_markdown).toContain('**Fortalezas**');
      expect(report.report_markdown).toContain('**Preguntas**');
      // Evidence stays the candidate's Spanish, word for word.
      const evidence = report.questions.flatMap((q: { evidence: string[] }) => q.evidence);
      expect(evidence.length).toBeGreaterThan(0);
      for (const e of evidence) expect(SPANISH_ANSWER).toContain(e.replace(/…$/, ''));

      const view = await app.inject({ method: 'GET', url: `/api/interview/session/${start.json.session_id}` });
      expect(() => SessionView.parse(view.json())).not.toThrow();
      expect(view.json().language).toBe('es');
    } finally {
      await close();
    }
  });
});

describe('language on the start route', () => {
  test('an unknown code is a 400 that lists the choices', async () => {
    const { app } = await apiForTest();
    const res = await post(app, '/api/interview/screening/start', { user_id: 'x', language: 'xx' });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('unknown_language');
    expect(res.json.message).toContain('pt (Português)');
  });

  test('a locale is accepted and echoed as its code; without a model the candidate is asked before English', async () => {
    const { app } = await apiForTest();
    const res = await post(app, '/api/interview/screening/start', { user_id: 'x', language: 'pt-BR' });
    expect(res.status).toBe(200);
    expect(res.json.language).toBe('pt');
    expect(res.json.message).toMatch(/só consigo fazer esta entrevista em inglês/);
    const yes = await post(app, '/api/interview/screening/respond', { session_id: res.json.session_id, user_response: 'sim' });
    expect(yes.json.messages[0]).toMatch(/I'm Alex/);
    const view = await app.inject({ method: 'GET', url: `/api/interview/session/${res.json.session_id}` });
    expect(view.json()).toMatchObject({ language: 'en', requested_language: 'pt' });
  });

  test('no language means English, as before', async () => {
    const { app } = await apiForTest();
    const res = await post(app, '/api/interview/screening/start', { user_id: 'x' });
    expect(res.json.language).toBe('en');
  });
});
