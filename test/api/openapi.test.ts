import { describe, expect, it } from 'vitest';
import { openApiPath } from '../../src/api/openapi.ts';
import { apiForTest } from './helpers.ts';

/** Follows every $ref in the document and returns the ones that do not resolve. */
function danglingRefs(doc: any): string[] {
  const bad: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') {
        const target = x.replace(/^#\//, '').split('/').reduce<any>((o, p) => o?.[p], doc);
        if (!target) bad.push(x);
      } else walk(x);
    }
  };
  walk(doc);
  return bad;
}

/** [method, path] pairs from Fastify's route tree (each line's segment is appended to its parent's path). */
function routesOf(tree: string): [string, string][] {
  const out: [string, string][] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = line.match(/^([│ ├└─]*)(\S+) \(([A-Z, ]+)\)/);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD' && method !== 'OPTIONS') out.push([method, path]);
  }
  return out;
}

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document describing every route the server answers', async () => {
    // With the voice plugin too: routes registered outside defineRoute must be listed as well.
    const made = await apiForTest({ API_KEYS: 'key-1234567890', EDGE_TTS_ENABLED: 'false' }, { voiceRoutes: true });
    const res = await made.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });

    // Every route registered on the server (HEAD/OPTIONS aside) is in the document.
    const registered = routesOf(made.app.printRoutes({ commonPrefix: false }));
    expect(registered.length).toBeGreaterThanOrEqual(10);
    for (const [method, url] of registered) {
      // The docs page's own routes (its HTML, assets and a copy of this document) stay out of it.
      if (url === '*' || url.startsWith('/docs')) continue;
      expect(doc.paths[openApiPath(url)]?.[method.toLowerCase()], `${method} ${url}`).toBeDefined();
    }

    const start = doc.paths['/api/interview/{type}/start'].post;
    expect(start.parameters[0]).toMatchObject({ name: 'type', in: 'path', required: true, schema: { enum: ['screening', 'behavioral', 'technical', 'customize'] } });
    expect(start.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/StartRequest');
    expect(doc.components.schemas.StartRequest.required).toEqual(['user_id']);
    expect(doc.components.schemas.StartRequest.properties.user_id.maxLength).toBe(128);
    expect(start.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/StartResponse');
    expect(start.responses['400']).toBeDefined();
    expect(start.responses['401']).toBeDefined();
    expect(start.security).toEqual([{ bearer: [] }, { apiKey: [] }]);

    const respond = doc.paths['/api/interview/{type}/respond'].post;
    expect(Object.keys(respond.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409', '413', '422', '429', '500']));
    expect(doc.components.schemas.RespondRequest.properties.action.enum).toEqual(['skip', 'repeat', 'end', 'pause', 'resume']);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/api/dashboard/{user_id}'].get.parameters[0].name).toBe('user_id');
    expect(doc.paths['/api/voice/transcribe']?.post).toBeDefined();
    // The voice routes document their request, answers and errors like the rest.
    const transcribe = doc.paths['/api/voice/transcribe'].post;
    expect(transcribe.operationId).toBe('transcribeAudio');
    expect(transcribe.requestBody.content['multipart/form-data'].schema.$ref).toBe('#/components/schemas/TranscribeForm');
    expect(transcribe.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/Transcription');
    expect(Object.keys(transcribe.responses)).toEqual(expect.arrayContaining(['400', '401', '413', '415', '429', '502', '503']));
    expect(transcribe.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(doc.paths['/api/voice/synthesize'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SynthesizeRequest');
    expect(doc.paths['/api/voice/voices'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/Voices');
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(doc.servers).toHaveLength(1);
    expect(danglingRefs(doc)).toEqual([]);
    // Operation ids are unique.
    const ids = Object.values(doc.paths).flatMap((p: any) => Object.values(p).map((o: any) => o.operationId)).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(Object.values(doc.paths).flatMap((p: any) => Object.keys(p)).length);
  });

  it('is browsable at /docs without a key, and is what that page loads', async () => {
    const made = await apiForTest({ API_KEYS: 'key-1234567890' });
    const page = await made.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toMatch(/swagger-ui/i);
    const served = await made.app.inject({ method: 'GET', url: '/docs/json' });
    expect(served.json()).toEqual((await made.app.inject({ method: 'GET', url: '/openapi.json' })).json());
    expect((await made.app.inject({ method: 'GET', url: '/' })).json()).toMatchObject({ docs: '/docs', openapi: '/openapi.json' });
  });
});
