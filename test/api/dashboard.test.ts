import { describe, expect, it } from 'vitest';
import { DashboardBody } from '../../src/api/schemas.ts';
import { apiForTest, post, runInterview } from './helpers.ts';

describe('GET /api/dashboard/{user_id}', () => {
  it('lists interviews newest first with averages and per-competency trends', async () => {
    const { app } = await apiForTest();
    const first = await runInterview(app, { userId: 'dash', type: 'screening' });
    const second = await runInterview(app, { userId: 'dash', type: 'behavioral' });
    const open = await post(app, '/api/interview/technical/start', { user_id: 'dash' });
    await runInterview(app, { userId: 'someone-else' });

    const res = await app.inject({ method: 'GET', url: '/api/dashboard/dash', headers: { authorization: `Bearer ${first.start.json.user_token}` } });
    expect(res.statusCode).toBe(200);
    const d = DashboardBody.parse(res.json());
    expect(d.user_id).toBe('dash');
    expect(d.totals).toEqual({ interviews: 3, completed: 2, in_progress: 1 });
    expect(d.interviews.map((i) => i.session_id)).toEqual([open.json.session_id, second.id, first.id]);
    expect(d.interviews[0]).toMatchObject({ type: 'technical', status: 'active', finished_at: null, score: null, band: null });
    const s1 = first.last.json.report.overall.score as number;
    const s2 = second.last.json.report.overall.score as number;
    expect(d.averages.overall).toBeCloseTo((s1 + s2) / 2, 2);
    expect(d.averages.by_type.screening).toEqual({ interviews: 1, average: expect.closeTo(s1, 2) });
    expect(d.competencies.length).toBeGreaterThan(0);
    for (const c of d.competencies) {
      expect(c.points.length).toBeGreaterThan(0);
      expect(c.latest).toBe(c.points.at(-1)!.score);
    }
  });

  it('is empty, not an error, for a user with no interviews', async () => {
    const { app } = await apiForTest({ API_KEYS: 'operator-key-0123' });
    const d = (await app.inject({ method: 'GET', url: '/api/dashboard/nobody', headers: { 'x-api-key': 'operator-key-0123' } })).json();
    expect(d).toMatchObject({ totals: { interviews: 0, completed: 0, in_progress: 0 }, averages: { overall: null }, interviews: [], competencies: [] });
  });

  it('serves the trend chart as PNG', async () => {
    const { app } = await apiForTest();
    const { start } = await runInterview(app, { userId: 'png' });
    const res = await app.inject({ method: 'GET', url: `/api/dashboard/png/trend.png?token=${start.json.user_token}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(res.rawPayload.length).toBeGreaterThan(5000);
  });
});

describe('GET /dashboard', () => {
  it('shows a user-id form without a user, and redirects a submitted form', async () => {
    const { app } = await apiForTest();
    const page = await app.inject({ method: 'GET', url: '/dashboard' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<form');
    expect(page.body).toContain('name="user_id"');
    const go = await app.inject({ method: 'GET', url: '/dashboard?user_id=a%2Fb%20c&token=t.1' });
    expect(go.statusCode).toBe(303);
    expect(go.headers.location).toBe('/dashboard/a%2Fb%20c?token=t.1');
  });

  it('escapes everything it shows', async () => {
    const { app } = await apiForTest();
    const evil = '<script>alert(1)</script>"\'&';
    const { start } = await runInterview(app, { userId: evil });
    const page = await app.inject({ method: 'GET', url: `/dashboard/${encodeURIComponent(evil)}?token=${start.json.user_token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(page.body).toContain('<svg');
  });

  it('serves only the chart font files as assets', async () => {
    const { app } = await apiForTest();
    const font = await app.inject({ method: 'GET', url: '/dashboard/assets/DejaVuSans.ttf' });
    expect(font.statusCode).toBe(200);
    expect(font.headers['content-type']).toBe('font/ttf');
    expect((await app.inject({ method: 'GET', url: '/dashboard/assets/..%2F..%2Fpackage.json' })).statusCode).toBe(400);
  });
});
