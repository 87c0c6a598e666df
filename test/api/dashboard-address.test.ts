import { expect, test } from 'vitest';
import { apiForTest } from './helpers.ts';

test('the empty dashboard\'s curl example uses the address the browser used, not a fixed port', async () => {
  const { api } = await apiForTest({ API_KEYS: 'operator-key' });
  const { port } = await api.listen({ port: 0, host: '127.0.0.1' });
  expect(port).not.toBe(8000);
  // The operator's key opens any user's page; a newcomer has no interviews yet, so the empty state shows.
  const page = await (await fetch(`http://127.0.0.1:${port}/dashboard/newcomer`, { headers: { 'x-api-key': 'operator-key' } })).text();
  expect(page).toContain(`curl -X POST http://127.0.0.1:${port}/api/interview/screening/start`);
  expect(page).not.toContain('localhost:8000');
});
