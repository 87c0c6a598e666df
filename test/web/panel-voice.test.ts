import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { espeakSeconds, FakeSpeechServer } from '../fakes/speech/index.ts';
import { launchChromium, micWav, type PanelServer, startPanelServer, watchErrors } from './helpers.ts';

// What the fake GPU speech server "hears"; the microphone plays espeak-ng saying the same words.
const SPOKEN = 'I led the move of our billing service to Kubernetes and cut deploy time from an hour to eight minutes.';

let gpu: FakeSpeechServer;
let SPOKEN_SECONDS = 0;
let server: PanelServer;
let browser: Browser;

beforeAll(async () => {
  gpu = await new FakeSpeechServer().start();
  gpu.transcript = SPOKEN;
  server = await startPanelServer({ GPU_SERVER_URL: gpu.url, GPU_HEALTH_INTERVAL_MS: '1000' });
  // The speech stack probes the GPU server at start; wait until /health says voice is on.
  for (let i = 0; i < 100; i++) {
    const h = (await (await fetch(`${server.url}/health`)).json()) as { mode: { voice: string } };
    if (h.mode.voice === 'gpu') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  SPOKEN_SECONDS = await espeakSeconds(SPOKEN);
  browser = await launchChromium({ micFile: await micWav(SPOKEN, 2.5) });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await gpu?.stop();
});

const marks = (page: Page) => page.evaluate<string[]>('(window.__interviewMarks ?? []).map((m) => m.event)');

async function startVoiceInterview(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${server.url}/interview`);
  await page.getByRole('switch', { name: 'Voice interview' }).click();
  await page.getByRole('button', { name: 'Start interview' }).click();
  await expect.poll(() => page.locator('.progress').innerText(), { timeout: 10_000 }).toBe('Question 1 of 5');
  return { page, errors };
}

describe('voice answers in Chromium with a fake microphone', () => {
  it('records a push-to-talk answer (button and Space), transcribes it on the GPU server, and speaks Alex\'s questions', async () => {
    const { page, errors } = await startVoiceInterview();
    // Alex's greeting and first question were synthesised and played.
    await expect.poll(() => gpu.speechRequests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(gpu.speechRequests[0]!.body.input).toMatch(/Alex/);
    expect(gpu.speechRequests.some((r) => /Mode:/.test(r.body.input ?? ''))).toBe(false);
    await expect.poll(() => marks(page), { timeout: 15_000 }).toContain('first-sound');
    // Captions: the sentence being spoken shows under the transcript while it plays.
    let caption = '';
    for (let i = 0; i < 100 && !caption; i++) caption = await page.evaluate<string>("document.querySelector('.caption')?.textContent ?? ''").then((t) => t || new Promise<string>((r) => setTimeout(() => r(''), 100)));
    expect(caption.length).toBeGreaterThan(5);
    expect(await page.getByRole('log').innerText()).toContain(caption.slice(0, 20));
    expect(await page.locator('.mode').innerText()).toMatch(/push-to-talk/i);

    const record = page.getByRole('button', { name: 'Record answer' });
    await record.click();
    await page.getByRole('button', { name: 'Stop recording' }).waitFor();
    await page.waitForTimeout(2000);
    await page.getByRole('button', { name: 'Stop recording' }).click();
    const you = page.getByRole('log').locator('p.line.candidate');
    await expect.poll(() => you.count(), { timeout: 10_000 }).toBe(1);
    expect(await you.first().innerText()).toContain(SPOKEN);
    expect(gpu.transcriptions).toHaveLength(1);
    expect(gpu.transcriptions[0]!.file.bytes.length).toBeGreaterThan(1000);
    // Alex's reply is spoken too.
    const spokenBefore = gpu.speechRequests.length;
    await expect.poll(() => gpu.speechRequests.length, { timeout: 10_000 }).toBeGreaterThan(spokenBefore - 1);

    // Hold Space to talk (focus on the transcript, not in the answer box).
    await page.getByRole('log').focus();
    await page.keyboard.down('Space');
    await page.getByRole('button', { name: 'Stop recording' }).waitFor();
    await page.waitForTimeout(1500);
    await page.keyboard.up('Space');
    await expect.poll(() => you.count(), { timeout: 10_000 }).toBe(2);
    expect(gpu.transcriptions).toHaveLength(2);

    // Hold the button with the mouse: releasing it sends.
    const button = page.getByRole('button', { name: 'Record answer' });
    await button.waitFor();
    await expect.poll(() => button.isEnabled(), { timeout: 10_000 }).toBe(true);
    await button.hover();
    await page.mouse.down();
    await page.getByRole('button', { name: 'Stop recording' }).waitFor();
    await page.waitForTimeout(1500);
    await page.mouse.up();
    await expect.poll(() => you.count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByRole('button', { name: 'Record answer' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('ends a hands-free turn on silence, with no button pressed', async () => {
    const { page, errors } = await startVoiceInterview();
    const before = gpu.transcriptions.length;
    await page.getByRole('radio', { name: 'Hands-free' }).check();
    await expect.poll(() => page.locator('.mode').innerText(), { timeout: 20_000 }).toMatch(/hands-free · (listening|hearing you)/);
    const you = page.getByRole('log').locator('p.line.candidate');
    await expect.poll(() => you.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(await you.first().innerText()).toContain(SPOKEN);
    // The detector's own 16 kHz WAV went to speech-to-text, cut when the words stopped: never
    // longer than the spoken sentence plus the silence window (the looping microphone may have
    // been mid-sentence when listening began, so the first turn can be shorter).
    const uploads = gpu.transcriptions.slice(before);
    expect(uploads.length).toBeGreaterThanOrEqual(1);
    for (const u of uploads) {
      expect(u.wav?.sampleRate).toBe(16_000);
      expect(u.wav!.durationS).toBeGreaterThan(0.3);
      expect(u.wav!.durationS).toBeLessThan(SPOKEN_SECONDS + 1.5);
    }
    expect(await marks(page)).toContain('speech-end');
    // The looping microphone speaks again while Alex answers: Alex stops.
    await expect.poll(() => marks(page), { timeout: 30_000 }).toContain('barge-in');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
