import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from '../../src/api/server.ts';
import { makeApi, STRONG_BEHAVIORAL } from './helpers.ts';

// Debian's chromium (scripts/system-deps.sh installs it), driven by playwright-core.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');

let server: ApiServer;
let url: string;
let browser: Browser;

async function interview(type: string, userId: string, answer: string): Promise<string> {
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, any>;
  };
  const start = await call(`/api/interview/${type}/start`, { user_id: userId, user_name: 'Emma', role: 'backend engineer' });
  let turn = start;
  for (let i = 0; i < 30 && !turn.is_complete; i++) turn = await call(`/api/interview/${type}/respond`, { session_id: start.session_id, user_response: answer });
  expect(turn.is_complete).toBe(true);
  return start.user_token as string;
}

beforeAll(async () => {
  server = (await makeApi()).api;
  ({ url } = await server.listen({ port: 0, host: '127.0.0.1' }));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard page in Chromium', () => {
  it('shows two interviews in the table and the score charts', async () => {
    await interview('screening', 'emma-42', 'I want to grow. I like the team.');
    const token = await interview('behavioral', 'emma-42', STRONG_BEHAVIORAL);

    const page = await browser.newPage({ viewport: { width: 1180, height: 900 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    // Arrive with no user, use the form like a person would.
    await page.goto(`${url}/dashboard`);
    await page.locator('main input[name="user_id"]').fill('emma-42');
    await page.locator('main input[name="token"]').fill(token);
    await page.locator('main button[type="submit"]').click();
    await page.waitForURL(`${url}/dashboard/emma-42?token=${encodeURIComponent(token)}`);

    await expect.poll(() => page.title()).toBe('Progress · emma-42');
    const rows = page.locator('#interviews tbody tr');
    expect(await rows.count()).toBe(2);
    const cells = await rows.allInnerTexts();
    expect(cells[0]).toContain('Behavioral');
    expect(cells[1]).toContain('Screening');
    for (const row of cells) {
      expect(row).toContain('backend engineer');
      expect(row).toMatch(/\d\.\d \/ 5/);
    }
    const trend = page.locator('#trend-chart svg');
    expect(await trend.isVisible()).toBe(true);
    const box = await trend.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(box!.height).toBeGreaterThan(200);
    expect(await page.locator('#trend-chart svg circle').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#latest-chart svg').isVisible()).toBe(true);
    // The chart font came from our own route (or the system), never a failed request.
    expect(errors).toEqual([]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
