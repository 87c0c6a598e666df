/**
 * Walks whatever /openapi.json serves and sends every route bad ids, bad bodies and bad headers.
 * Nothing may answer 5xx (a 503 "not configured" from the speech routes aside), every error is the
 * service's JSON shape, and the server stays healthy afterwards. Edge TTS is off: nothing leaves 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { apiForTest } from '../api/helpers.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: Json[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Deterministic, so a failure reproduces. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BAD_IDS = [
  '',
  ' ',
  'a'.repeat(90),
  'a'.repeat(2000),
  '%00',
  '%0a%0d',
  '..%2F..%2Fetc%2Fpasswd',
  '%E2%80%AEevil',
  '%E2%80%8B',
  '%F0%9F%98%80',
  '%EF%BF%BF',
  '%C0%AF',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  "'%20OR%201=1--",
  '%3Cscript%3E',
  '{}',
  '[]',
];

const WRONG_VALUES: Json[] = [null, 0, -1, 1e308, true, '', ' ', 'x'.repeat(300_000), [], [null], {}, { a: { b: { c: {} } } }, '\u0000', '\u202e', '%s%n', '<script>'];

function nested(depth: number): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function resolve(doc: { components?: { schemas?: Record<string, Schema> } }, s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; cur.$ref && i < 10; i++) cur = doc.components?.schemas?.[cur.$ref.split('/').pop()!] ?? {};
  return cur;
}

/** A plausible value for a schema, so the other fields can be wrong one at a time. */
function sample(doc: Parameters<typeof resolve>[0], s: Schema | undefined, rand: () => number): Json {
  const r = resolve(doc, s);
  if (r.enum?.length) return r.enum[Math.floor(rand() * r.enum.length)]!;
  const alt = r.anyOf ?? r.oneOf ?? r.allOf;
  if (alt?.length) return sample(doc, alt[0], rand);
  const type = Array.isArray(r.type) ? r.type[0] : r.type;
  if (type === 'object' || r.properties) return Object.fromEntries(Object.entries(r.properties ?? {}).map(([k, v]) => [k, sample(doc, v, rand)]));
  if (type === 'array') return [sample(doc, r.items, rand)];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  return 'fuzz-value';
}

function bodiesFor(doc: Parameters<typeof resolve>[0], schema: Schema | undefined, rand: () => number): string[] {
  const out: string[] = ['null', '[]', '"text"', '42', 'true', '{}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{bad json', '{"a":1,"a":2}', JSON.stringify(nested(2000)), '\u0000'];
  const base = sample(doc, schema, rand);
  if (base && typeof base === 'object' && !Array.isArray(base)) {
    out.push(JSON.stringify(base));
    for (const key of Object.keys(base)) {
      for (const wrong of WRONG_VALUES) out.push(JSON.stringify({ ...base, [key]: wrong }));
      const { [key]: _drop, ...without } = base;
      out.push(JSON.stringify(without));
    }
    out.push(JSON.stringify({ ...base, unexpected_field: 'x'.repeat(1000) }));
  }
  return out;
}

const BAD_HEADERS: Record<string, string>[] = [
  { authorization: 'Bearer ' },
  { authorization: 'Bearer ut1.%%%.%%%' },
  { authorization: 'Bearer ut1.' + Buffer.from('http:someone').toString('base64url') + '.AAAA' },
  { authorization: 'Basic !!!notbase64' },
  { authorization: 'Digest x'.repeat(100) },
  { 'x-api-key': 'k'.repeat(5000) },
  { 'x-request-id': '../../etc' },
  { 'content-type': 'text/plain' },
  { 'content-type': 'application/json; charset=utf-16' },
  { 'content-type': 'multipart/form-data; boundary=x' },
  { accept: 'application/xml' },
  { origin: 'https://evil.example' },
  { 'x-forwarded-for': 'not-an-ip, 999.1.1.1' },
];

describe('fuzzing every route in /openapi.json', () => {
  it('answers bad ids, bodies and headers without a 5xx, in the error shape, and stays healthy', async () => {
    const { app } = await apiForTest({ RATE_LIMIT_PER_MINUTE: '1000000', EDGE_TTS_ENABLED: 'false' }, { voiceRoutes: true });
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> } & Parameters<typeof resolve>[0];
    const rand = rng(13);
    const failures: string[] = [];
    let sent = 0;

    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = (op.parameters ?? []).filter((p) => p.in === 'path');
        const valid = Object.fromEntries(params.map((p) => [p.name, encodeURIComponent(String(sample(doc, p.schema, rand)))]));
        const urlWith = (values: Record<string, string>) => path.replace(/\{([^}]+)\}/g, (_, n: string) => values[n] ?? 'x');
        const urls = [urlWith(valid), ...params.flatMap((p) => BAD_IDS.map((bad) => urlWith({ ...valid, [p.name]: bad })))];
        const queries = ['', '?user_id=%E2%80%AE', '?token=' + 'x'.repeat(3000), '?a[b][c]=1&a=2', '?__proto__[x]=1', '?%zz=1'];
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const bodies = method === 'get' || method === 'delete' ? [undefined] : [undefined, ...bodiesFor(doc, schema, rand)];

        const tries: { url: string; body: string | undefined; headers: Record<string, string> }[] = [];
        for (const url of urls) for (const body of bodies) tries.push({ url, body, headers: body === undefined ? {} : { 'content-type': 'application/json' } });
        for (const q of queries) tries.push({ url: urlWith(valid) + q, body: bodies.at(-1), headers: { 'content-type': 'application/json' } });
        for (const h of BAD_HEADERS) tries.push({ url: urlWith(valid), body: bodies[1] ?? bodies[0], headers: { 'content-type': 'application/json', ...h } });

        for (const t of tries) {
          const res = await app.inject({ method: method.toUpperCase() as 'GET', url: t.url, headers: t.headers, ...(t.body !== undefined ? { payload: t.body } : {}) });
          sent++;
          const speechOff = res.statusCode === 503 && path.startsWith('/api/voice/');
          if (res.statusCode >= 500 && !speechOff) failures.push(`${method.toUpperCase()} ${t.url.slice(0, 120)} -> ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400 && (res.headers['content-type'] ?? '').includes('json')) {
            const json = res.json() as { error?: unknown; message?: unknown };
            if (typeof json.error !== 'string' || typeof json.message !== 'string') failures.push(`${method.toUpperCase()} ${t.url.slice(0, 120)} -> ${res.statusCode} without the error shape: ${res.body.slice(0, 200)}`);
          }
        }
      }
    }

    console.log(`fuzz: ${sent} requests over ${Object.keys(doc.paths).length} paths`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).not.toBe('unavailable');
  }, 120_000);
});
