import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentService } from '../../src/engine/customize/document-service.ts';
import { MemoryKeyValueStore } from '../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../src/engine/store/session-store.ts';
import { fixtureText, makePdf, paginate, RESUME_TXT } from '../engine/docs/make-files.ts';
import { apiForTest, post, runInterview } from './helpers.ts';

function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  return form;
}

async function inject(app: Awaited<ReturnType<typeof apiForTest>>['app'], form: FormData, headers: Record<string, string> = {}) {
  const req = new Request('http://x/', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  const res = await app.inject({ method: 'POST', url: '/api/documents', payload: body, headers: { 'content-type': req.headers.get('content-type')!, ...headers } });
  return { status: res.statusCode, json: res.json() as Record<string, any> };
}

describe('panel routes', () => {
  it('sends browsers from / to the panel and API clients to the JSON index', async () => {
    const { app } = await apiForTest();
    const browser = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(browser.statusCode).toBe(302);
    expect(browser.headers.location).toBe('/interview');
    const client = await app.inject({ method: 'GET', url: '/' });
    expect(client.json()).toMatchObject({ interview: '/interview', health: '/health' });
    const panel = await app.inject({ method: 'GET', url: '/interview' });
    expect(panel.statusCode).toBe(200);
    expect(panel.body).toContain('<script type="module" src="/panel/panel.js">');
    expect(panel.headers['content-security-policy']).toContain("connect-src 'self'");
    const js = await app.inject({ method: 'GET', url: '/panel/panel.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    // Gzipped for browsers that take it, and the same script once unzipped.
    const zipped = await app.inject({ method: 'GET', url: '/panel/panel.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(js.rawPayload.length / 2);
    expect(gunzipSync(zipped.rawPayload).equals(js.rawPayload)).toBe(true);
    // Only the bundle and the VAD/ONNX files are served, nothing else from disk.
    for (const url of ['/panel/..%2Fbuild.ts', '/panel/vad/package.json', '/panel/ort/ort.all.min.js']) expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    const model = await app.inject({ method: 'GET', url: '/panel/vad/silero_vad_v5.onnx' });
    expect(model.statusCode).toBe(200);
    expect(model.rawPayload.length).toBeGreaterThan(100_000);
  });

  it('takes a resume through the document intake, and refuses what it cannot read with a clear message', async () => {
    const { app } = await apiForTest({}, { documents: new DocumentService({ store: new SessionStore(new MemoryKeyValueStore()), maxBytes: 200_000 }) });
    const pdf = await makePdf(paginate(fixtureText(RESUME_TXT).split('\n'), 40));
    const ok = await inject(app, multipart({ user_id: 'u1', kind: 'resume' }, { name: 'resume.pdf', type: 'application/pdf', bytes: pdf }));
    expect(ok.status).toBe(200);
    expect(ok.json.id).toBeTruthy();
    expect(ok.json.summary).toMatch(/resume/);

    const exe = await inject(app, multipart({ user_id: 'u1' }, { name: 'tool.exe', type: 'application/octet-stream', bytes: new Uint8Array([1, 2, 3]) }));
    expect(exe).toMatchObject({ status: 415, json: { error: 'unsupported_document' } });
    const big = await inject(app, multipart({ user_id: 'u1' }, { name: 'big.txt', type: 'text/plain', bytes: new Uint8Array(300_000).fill(65) }));
    expect(big).toMatchObject({ status: 413, json: { error: 'document_too_large' } });
    const noUser = await inject(app, multipart({}, { name: 'r.txt', type: 'text/plain', bytes: new TextEncoder().encode('hello') }));
    expect(noUser.status).toBe(400);
    const broken = await inject(app, multipart({ user_id: 'u1' }, { name: 'broken.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('not a pdf at all') }));
    expect(broken.status).toBe(422);
    expect(broken.json.message).not.toMatch(/stack|Error:/);
  });

  it('says plainly when documents cannot be uploaded on this server', async () => {
    const { app } = await apiForTest();
    const res = await inject(app, multipart({ user_id: 'u1' }, { name: 'r.txt', type: 'text/plain', bytes: new TextEncoder().encode('hello') }));
    expect(res).toMatchObject({ status: 404, json: { error: 'documents_unavailable' } });
  });

  it('serves a finished interview\'s report as JSON and as an escaped, printable page; not before it ends', async () => {
    const { app } = await apiForTest();
    const start = await post(app, '/api/interview/screening/start', { user_id: 'rep', user_name: '<b>Eve</b>' });
    const bearer = { authorization: `Bearer ${start.json.user_token}` };
    const early = await app.inject({ method: 'GET', url: `/api/reports/${start.json.session_id}`, headers: bearer });
    expect(early.statusCode).toBe(409);
    expect((await app.inject({ method: 'GET', url: '/api/reports/nope', headers: bearer })).statusCode).toBe(404);

    const { id, start: own } = await runInterview(app, { userId: 'rep', answer: 'I want this role because I love making developer tools faster for a team like yours: at my last company I cut our <b>build</b> time by 40% by caching <script>alert(1)</script> the dependency layer, and I measured it for two weeks before and after.' });
    const token = own.json.user_token as string;
    // Only its owner (or an API key) reads a report.
    expect((await app.inject({ method: 'GET', url: `/api/reports/${id}` })).statusCode).toBe(401);
    const other = await post(app, '/api/interview/screening/start', { user_id: 'someone-else' });
    expect((await app.inject({ method: 'GET', url: `/api/reports/${id}`, headers: { authorization: `Bearer ${other.json.user_token}` } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/reports/${id}` })).statusCode).toBe(401);
    const view = (await app.inject({ method: 'GET', url: `/api/reports/${id}`, headers: { authorization: `Bearer ${token}` } })).json() as Record<string, any>;
    expect(view.report.questions).toHaveLength(5);
    for (const q of view.report.questions) expect(view.strong_answers[q.id].length).toBeGreaterThan(0);
    expect(view).toMatchObject({ report_url: `/reports/${id}`, dashboard_url: '/dashboard/rep', chart_url: `/reports/${id}/chart.svg` });

    const page = await app.inject({ method: 'GET', url: `/reports/${id}?token=${encodeURIComponent(token)}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>');
    // What the candidate said is quoted as text, markup and all.
    const quoted = (view.report.questions as { evidence: string[] }[]).flatMap((q) => q.evidence);
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(page.body).toContain(q.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    expect(page.body).toContain(`href="/dashboard/rep?token=${encodeURIComponent(token)}"`);
    expect(page.body).toContain('@media print');
    const svg = await app.inject({ method: 'GET', url: `/reports/${id}/chart.svg?token=${encodeURIComponent(token)}&width=compact` });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
  });

  it('asks for the API key on report pages when keys are configured, as on the dashboard', async () => {
    const { app } = await apiForTest({ API_KEYS: 'k-123' });
    const { id } = await runInterview(app, { userId: 'sec', headers: { 'x-api-key': 'k-123' } });
    expect((await app.inject({ method: 'GET', url: `/reports/${id}` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/reports/${id}`, headers: { 'x-api-key': 'k-123' } })).statusCode).toBe(200);
  });
});
