import { expect, test } from 'vitest';
import { apiForTest } from './helpers.ts';

test('the empty dashboard\'s curl example uses the address the browser used, not a fixed port', async () => {
  const { api } = await apiForTest();
  const { port } = await api.listen({ port: 0, host: '127.0.0.1' });
  expect(port).not.toBe(8000);
  const page = await (await fetch(`http://127.0.0.1:${port}/dashboard/newcomer`)).text();
  expect(page).toContain(`curl -X POST http://127.0.0.1:${port}/api/interview/screening/start`);
  expect(page).not.toContain('localhost:8000');
});
