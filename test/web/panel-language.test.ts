import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type PanelServer, startPanelServer, watchErrors } from './helpers.ts';

let server: PanelServer;
let browser: Browser;

beforeAll(async () => {
  server = await startPanelServer();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the panel\'s language picker', () => {
  it('defaults to the browser\'s language and starts the interview in the one picked', async () => {
    // A browser set to Japanese.
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/interview/);
    expect(await page.getByLabel('Language').inputValue()).toBe('ja');
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('button', { name: 'Start interview' }).click();
    // This server has no language model: Alex says so in Spanish and asks before going on in English.
    await expect.poll(() => page.getByRole('log').innerText(), { timeout: 10_000 }).toMatch(/solo puedo hacer esta entrevista en inglés/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
