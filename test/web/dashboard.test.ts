import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserTokens } from '../../src/api/user-tokens.ts';
import { STRONG_BEHAVIORAL } from '../helpers/engine.ts';
import { horizontalOverflow, launchChromium, type PanelServer, screenshot, startPanelServer, watchErrors } from './helpers.ts';

let server: PanelServer;
let browser: Browser;

const tokens = new Map<string, string>();

async function interview(type: string, userId: string, role: string, answer: string): Promise<string> {
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, any>;
  };
  const start = await call(`/api/interview/${type}/start`, { user_id: userId, user_name: 'Emma', role });
  let turn = start;
  for (let i = 0; i < 30 && !turn.is_complete; i++) turn = await call(`/api/interview/${type}/respond`, { session_id: start.session_id, user_response: answer });
  expect(turn.is_complete).toBe(true);
  tokens.set(userId, start.user_token as string);
  return start.session_id as string;
}

beforeAll(async () => {
  server = await startPanelServer();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('dashboard in Chromium', () => {
  it('links rows to report pages, dates the trend, filters, draws sparklines and fits a phone', async () => {
    const ids = [
      await interview('screening', 'dash-1', 'backend engineer', 'I want to grow. I like the team.'),
      await interview('behavioral', 'dash-1', 'backend engineer', STRONG_BEHAVIORAL),
      await interview('behavioral', 'dash-1', 'data scientist', STRONG_BEHAVIORAL),
    ];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    const token = tokens.get('dash-1')!;
    const q = `token=${encodeURIComponent(token)}`;
    await page.goto(`${server.url}/dashboard/dash-1?${q}`);
    const rows = page.locator('#interviews tbody tr');
    expect(await rows.count()).toBe(3);
    // Each row leads to its report page, which opens.
    const hrefs = await page.locator('#interviews tbody tr a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual(ids.map((id) => `/reports/${id}?${q}`).sort());
    // Dates on the trend's x axis, not "#1".
    const label = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date());
    const axis = await page.locator('#trend-chart svg text').allTextContents();
    expect(axis).toContain(label);
    expect(axis.some((t) => /^#\d+$/.test(t))).toBe(false);
    // One sparkline per competency.
    const comps = page.locator('#competencies tbody tr');
    expect(await comps.count()).toBeGreaterThan(1);
    expect(await page.locator('#competencies svg.spark').count()).toBe(await comps.count());
    await screenshot(page, 'dashboard-1280');

    // Filters: type, role, date range.
    await page.getByLabel('Type').selectOption('behavioral');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/type=behavioral/);
    expect(await rows.count()).toBe(2);
    await page.getByLabel('Role').selectOption('data scientist');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/role=data/);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('data scientist');
    await page.goto(`${server.url}/dashboard/dash-1?from=${today()}&to=${today()}&${q}`);
    expect(await rows.count()).toBe(3);
    await page.goto(`${server.url}/dashboard/dash-1?from=${tomorrow()}&${q}`);
    expect(await rows.count()).toBe(0);
    expect(await page.getByText('No interviews match these filters').isVisible()).toBe(true);
    const bad = await fetch(`${server.url}/dashboard/dash-1?from=31-12-2026&${q}`);
    expect(bad.status).toBe(400);

    // A phone: nothing scrolls sideways, the compact charts show, the table reads as cards.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/dashboard/dash-1?${q}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.locator('#trend-chart-compact svg').isVisible()).toBe(true);
    expect(await page.locator('#trend-chart').isVisible()).toBe(false);
    await screenshot(page, 'dashboard-390');
    await rows.first().locator('a').click();
    await page.waitForURL(/\/reports\//);
    expect(await page.getByRole('heading', { name: /feedback/i }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('offers to start an interview when there is none yet', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // A token for a user with no history yet (chat surfaces hand these out with the dashboard link).
    const token = await new UserTokens({ kv: server.runtime.kv }).issue('http:nobody-yet');
    await page.goto(`${server.url}/dashboard/nobody-yet?token=${encodeURIComponent(token)}`);
    expect(await page.locator('pre').count()).toBe(0);
    expect(await page.content()).not.toContain('curl');
    await page.getByRole('link', { name: 'Start an interview' }).click();
    await page.waitForURL(/\/interview\?user=nobody-yet$/);
    await page.getByRole('button', { name: 'Start interview' }).click();
    await page.getByRole('log').waitFor();
    // The interview joins that user's history, and the header leads back to their dashboard.
    expect(await page.locator('#dashboard-link').getAttribute('href')).toMatch(/^\/dashboard\/nobody-yet\?token=.+/);
    await page.getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('heading', { name: /feedback/i }).waitFor();
    await page.locator('#dashboard-link').click();
    await page.waitForURL(/\/dashboard\/nobody-yet\?token=/);
    expect(await page.locator('#interviews tbody tr').count()).toBe(1);
    await page.close();
  }, 60_000);
});
