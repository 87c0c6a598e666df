/** Errors raised before any route runs, and shutdown as a keep-alive client sees it. */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeApi } from '../api/helpers.ts';
import { freePort, ServerProcess } from '../chaos/processes.ts';

function rawRequest(port: number, text: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let data = '';
    s.on('data', (c) => (data += c));
    s.on('error', reject);
    s.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
    s.write(text);
  });
}

describe('router errors', () => {
  it('414, 431 and malformed URLs answer in the service\'s error shape with a request id, never echoing the URL', async () => {
    const { api } = await makeApi();
    const { port } = await api.listen({ port: 0, host: '127.0.0.1' });
    try {
      const marker = 'zqxjmarker';
      const cases: [string, number, string][] = [
        [`GET /api/interview/session/${marker}${'a'.repeat(400)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 414, 'uri_too_long'],
        [`GET /api/interview/session/${marker}%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 400, 'bad_url'],
        [`GET /api/dashboard/${marker}${'c'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 431, 'headers_too_large'],
        [`GET /health HTTP/1.1\r\nHost: x\r\nX-${marker}: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`, 431, 'headers_too_large'],
        [`NOT-HTTP ${marker}\r\n\r\n`, 400, 'bad_request'],
      ];
      for (const [text, status, code] of cases) {
        const res = await rawRequest(port, text);
        expect(res.status, code).toBe(status);
        const json = JSON.parse(res.body) as { error: string; message: string; request_id: string };
        expect(json.error).toBe(code);
        expect(json.request_id).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.headers).toContain(`x-request-id: ${json.request_id}`);
        expect(res.body).not.toContain(marker);
      }
    } finally {
      await api.close();
    }
  });
});

describe('shutdown', () => {
  it('answers a keep-alive client 503 with Connection: close while draining, instead of resetting it', async () => {
    const { api } = await makeApi();
    const { port } = await api.listen({ port: 0, host: '127.0.0.1' });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; connection: string | undefined; retryAfter: string | undefined; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/health', agent }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, retryAfter: res.headers['retry-after'], body }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const first = await get();
      expect(first.status).toBe(200);
      expect(first.connection).toBe('keep-alive');
      const closed = api.close({ drainMs: 3_000 });
      const during = await get(); // same pooled socket
      expect(during.status).toBe(503);
      expect(during.connection).toBe('close');
      expect(Number(during.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(during.body).error).toBe('shutting_down');
      await closed;
    } finally {
      agent.destroy();
    }
  });

  it('src/main.ts on SIGTERM: a keep-alive client gets 503 with Connection: close, then the process exits 0', async () => {
    const server = new ServerProcess(await freePort(), { STORE_URL: 'memory://' });
    await server.start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/health', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect((await get()).status).toBe(200);
      const exited = server.stop('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const during = await get();
      expect(during).toEqual({ status: 503, connection: 'close' });
      expect(await exited).toBe(0);
    } finally {
      agent.destroy();
      await server.kill();
    }
  });
});
