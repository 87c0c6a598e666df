import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText, makePdf, paginate, RESUME_TXT } from '../engine/docs/make-files.ts';
import { GOOD_ANSWER, horizontalOverflow, launchChromium, type PanelServer, screenshot, startPanelServer, watchErrors } from './helpers.ts';

let server: PanelServer;
let browser: Browser;

beforeAll(async () => {
  // No GPU speech server and no Edge TTS: speech is down, text works.
  server = await startPanelServer();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPanel(width = 1280, height = 900): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  const errors = watchErrors(page);
  await page.goto(`${server.url}/`);
  await page.waitForURL(/\/interview/);
  return { page, errors };
}

const log = (page: Page) => page.getByRole('log');

async function answerUntilReport(page: Page, answer = GOOD_ANSWER): Promise<number> {
  const feedback = page.getByRole('heading', { name: /feedback/i });
  for (let i = 0; i < 30; i++) {
    // Either the answer box (the interview goes on) or the report (it ended); between the two, "Preparing your report…".
    await page.locator('#answer-box, .report h2').first().waitFor({ timeout: 10_000 });
    if (await feedback.isVisible()) return i;
    const box = page.getByLabel('Your answer');
    await box.fill(answer);
    const before = await log(page).locator('p.line').count();
    await page.getByRole('button', { name: 'Send' }).click();
    // The reply (or the report) has arrived when the log has grown past our own line.
    await expect
      .poll(async () => (await page.locator('.report').count()) > 0 || (await log(page).locator('p.line:not(.pending)').count()) > before + 1, { timeout: 10_000 })
      .toBe(true);
  }
  throw new Error('no report after 30 answers');
}

describe('interview panel in Chromium (text)', () => {
  it('takes a text interview from the start form to the report, with a link to the dashboard and the report page', async () => {
    const { page, errors } = await openPanel();
    await expect.poll(() => page.title(), { timeout: 10_000 }).toContain('Interview');
    const log0 = log(page);
    expect(await page.getByLabel('Interview type').inputValue()).toBe('screening');
    await page.getByLabel('Role').fill('backend engineer');
    await page.getByLabel('Your name').fill('Emma');
    expect(await page.getByRole('switch', { name: 'Voice interview' }).getAttribute('aria-checked')).toBe('false');
    await page.getByRole('button', { name: 'Start interview' }).click();

    await expect.poll(() => log0.innerText(), { timeout: 10_000 }).toMatch(/Emma/);
    expect(await log0.getAttribute('aria-live')).toBe('polite');
    expect(await log0.getAttribute('aria-atomic')).toBeNull();
    expect(await log0.getAttribute('tabindex')).toBe('0');
    await expect.poll(() => page.locator('.progress').innerText(), { timeout: 10_000 }).toBe('Question 1 of 5');
    expect(await page.locator('.elapsed').innerText()).toMatch(/^Elapsed \d+:\d\d$/);
    await screenshot(page, 'panel-1280');

    const answers = await answerUntilReport(page);
    expect(answers).toBeGreaterThanOrEqual(5);
    const report = page.locator('.report');
    expect(await report.locator('.score').innerText()).toMatch(/^\d\.\d \/ 5$/);
    expect(await report.locator('.band').innerText()).not.toBe('');
    // Per question: a score, the candidate's own words, and what a strong answer includes.
    const questions = report.locator('ol.questions > li');
    expect(await questions.count()).toBe(5);
    expect(await questions.first().locator('.qscore').innerText()).toMatch(/\d\.\d \/ 5/);
    const quoted = await report.locator('blockquote').allInnerTexts();
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.some((q) => GOOD_ANSWER.includes(q.replace(/[“”]/g, '').replace(/…$/, '').slice(0, 30)))).toBe(true);
    expect(await report.getByText('A strong answer would include:').count()).toBe(5);
    expect(await report.getByRole('heading', { name: 'Strengths' }).isVisible()).toBe(true);
    expect(await report.getByRole('heading', { name: 'To improve' }).isVisible()).toBe(true);
    const chartOk = await page.evaluate<boolean>("(() => { const img = document.querySelector('.report img.chart'); return img.complete && img.naturalWidth > 0; })()");
    expect(chartOk).toBe(true);
    await screenshot(page, 'panel-report-1280');

    // The printable report page has the same content.
    const reportHref = await report.getByRole('link', { name: 'Printable report' }).getAttribute('href');
    // Page links carry the user's token from the start call, so the pages open for their owner.
    expect(reportHref).toMatch(/^\/reports\/[\w-]+\?token=.+$/);
    const dashHref = await report.getByRole('link', { name: 'Open your dashboard' }).getAttribute('href');
    expect(dashHref).toMatch(/^\/dashboard\/guest-[0-9a-f]+\?token=.+$/);
    expect((await fetch(`${server.url}${reportHref!.replace(/\?.*/, '')}`)).status).toBe(401);
    await page.goto(`${server.url}${reportHref}`);
    expect(await page.getByRole('heading', { name: /feedback/i }).innerText()).toContain('Screening');
    expect(await page.locator('blockquote').count()).toBeGreaterThan(0);
    expect(await page.getByText('A strong answer would include:').count()).toBe(5);
    await screenshot(page, 'report-page-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'report-page-390');

    // The dashboard lists the interview and links back to this report.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}${dashHref}`);
    const link = page.locator('#interviews a[href^="/reports/"]');
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe(reportHref);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows a plain notice when speech is down and carries on in text', async () => {
    const { page, errors } = await openPanel(390, 844);
    await page.getByRole('switch', { name: 'Voice interview' }).click();
    expect(await page.getByRole('switch', { name: 'Voice interview' }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: 'Start interview' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText(), { timeout: 10_000 }).toMatch(/Speech is unavailable right now.*continues in text/);
    // No record button while speech is down; typing works.
    expect(await page.getByRole('button', { name: 'Record answer' }).count()).toBe(0);
    await page.getByLabel('Your answer').fill(GOOD_ANSWER);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('.progress').innerText(), { timeout: 10_000 }).toMatch(/Question [12] of 5/);
    await expect.poll(() => log(page).locator('p.line.candidate').count(), { timeout: 10_000 }).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'panel-390');
    await page.getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('heading', { name: /feedback/i }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'panel-report-390');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('resumes the interview after a reload', async () => {
    const { page } = await openPanel();
    await page.getByLabel('Interview type').selectOption('behavioral');
    await page.getByRole('button', { name: 'Start interview' }).click();
    await expect.poll(() => page.locator('.progress').innerText(), { timeout: 10_000 }).toBe('Question 1 of 6');
    await page.getByLabel('Your answer').fill(GOOD_ANSWER);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => log(page).locator('p.line.candidate').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => log(page).locator('p.line.interviewer').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    // Alex's and the candidate's words, turn by turn (consecutive lines of one speaker joined: the live
    // view shows each utterance apart, the stored transcript may keep them as one turn); one-off
    // notices such as the mode line are not part of the transcript.
    const conversation = async () => {
      const turns: string[] = [];
      let who = '';
      for (const line of await log(page).locator('p.line:not(.notice)').allInnerTexts()) {
        const [speaker = '', ...rest] = line.split('\n');
        const text = rest.join(' ').replace(/\s+/g, ' ').trim();
        if (speaker === who) turns[turns.length - 1] += ` ${text}`;
        else turns.push(`${speaker}: ${text}`);
        who = speaker;
      }
      return turns;
    };
    const before = await conversation();
    const progress = await page.locator('.progress').innerText();
    expect(page.url()).toMatch(/[?&]session=/);

    await page.reload();
    await expect.poll(conversation, { timeout: 10_000 }).toEqual(before);
    expect(await page.locator('.progress').innerText()).toBe(progress);
    // And it carries on from there.
    await page.getByLabel('Your answer').fill(GOOD_ANSWER);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => log(page).locator('p.line.candidate').count(), { timeout: 10_000 }).toBe(2);
    await page.close();
  }, 60_000);

  it('pauses, resumes and repeats the question', async () => {
    const { page } = await openPanel();
    await page.getByRole('button', { name: 'Start interview' }).click();
    await expect.poll(() => page.locator('.progress').innerText(), { timeout: 10_000 }).toBe('Question 1 of 5');
    const alex = log(page).locator('p.line.interviewer');
    const question = (await alex.last().innerText()).replace(/^ALEX\s*/i, '');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    expect(await page.getByLabel('Your answer').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    expect(await page.getByLabel('Your answer').isEnabled()).toBe(true);
    const before = await alex.count();
    await page.getByRole('button', { name: 'Repeat' }).click();
    await expect.poll(() => alex.count(), { timeout: 10_000 }).toBeGreaterThan(before);
    // The question comes again (the words after any lead-in such as "Sure, again:").
    expect(await log(page).innerText()).toContain(question.slice(question.length - 30));
    expect((await alex.allInnerTexts()).slice(before).join(' ')).toContain(question.slice(question.length - 30));
    expect(await page.locator('.progress').innerText()).toBe('Question 1 of 5');
    await page.close();
  }, 60_000);

  it('runs a whole interview by keyboard alone', async () => {
    const { page, errors } = await openPanel();
    // The focused element as "TAG:accessible-ish name", evaluated in the page.
    const focusedName = () =>
      page.evaluate<string>("(() => { const el = document.activeElement; return el ? `${el.tagName}:${el.getAttribute('aria-label') ?? el.labels?.[0]?.innerText ?? el.innerText}` : ''; })()");
    const tabTo = async (re: RegExp) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (re.test(await focusedName())) return;
      }
      throw new Error(`could not reach ${re} by Tab; last focus ${await focusedName()}`);
    };
    await tabTo(/^SELECT:Interview type/);
    await page.keyboard.press('ArrowDown'); // screening -> behavioral
    expect(await page.getByLabel('Interview type').inputValue()).toBe('behavioral');
    await tabTo(/^BUTTON:.*Start interview/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.progress').innerText(), { timeout: 10_000 }).toBe('Question 1 of 6');
    await tabTo(/^TEXTAREA:Your answer/);
    await page.keyboard.type('I fixed a flaky payment test suite by isolating the clock and the network, and cut failures by 90 percent.');
    await page.keyboard.press('Enter');
    await expect.poll(() => log(page).locator('p.line.candidate').count(), { timeout: 10_000 }).toBe(1);
    await tabTo(/^BUTTON:Skip/);
    await page.keyboard.press('Enter');
    await expect.poll(() => log(page).innerText(), { timeout: 10_000 }).toMatch(/skip|next|move on/i);
    await tabTo(/^BUTTON:End interview/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /feedback/i }).waitFor();
    // Focus lands on the report heading, and its links are reachable.
    expect(await focusedName()).toMatch(/^H2:.*feedback/i);
    await tabTo(/^A:Open your dashboard/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('starts a customize interview from an uploaded PDF resume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'panel-doc-'));
    const pdf = join(dir, 'priya-resume.pdf');
    writeFileSync(pdf, await makePdf(paginate(fixtureText(RESUME_TXT).split('\n'), 40)));
    const { page, errors } = await openPanel();
    await page.getByLabel('Interview type').selectOption('customize');
    await page.getByLabel('Resume').setInputFiles(pdf);
    await page.getByRole('button', { name: 'Start interview' }).click();
    await expect.poll(() => page.locator('.progress').innerText(), { timeout: 15_000 }).toBe('Question 1 of 10');
    const text = await log(page).innerText();
    // The questions come from the resume, not the role bank.
    expect(text).toMatch(/Ledgerline|Finch|Kafka|reconciliation|Shelfwise|Tiffinbox|PostgreSQL/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
