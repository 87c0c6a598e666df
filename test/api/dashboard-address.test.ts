import { expect, test } from 'vitest';
import { apiForTest } from './helpers.ts';

test('the empty dashboard starts an interview on this server, never at a fixed address', async () => {
  const { api } = await apiForTest({ API_KEYS: 'operator-key' });
  const { port } = await api.listen({ port: 0, host: '127.0.0.1' });
  expect(port).not.toBe(8000);
  // The operator's key opens any user's page; a newcomer has no interviews yet, so the empty state shows.
  const page = await (await fetch(`http://127.0.0.1:${port}/dashboard/newcomer`, { headers: { 'x-api-key': 'operator-key' } })).text();
  // A link relative to the address the browser used: it works behind any host, port or proxy.
  expect(page).toContain('href="/interview?user=newcomer"');
  expect(page).not.toContain('localhost:8000');
  expect(page).not.toContain('curl');
});
