/**
 * The browser panel's figures (Debian's Chromium, localhost):
 *   - JavaScript shipped, gzipped: what /interview loads, and what hands-free adds (the VAD model
 *     and ONNX Runtime's WASM excluded: they are binary assets fetched once and cached);
 *   - page load to the first question: open /interview, the start form is ready, Start, Alex's first question shown;
 *   - end of a spoken answer to the first sound of Alex's reply, hands-free, with instant speech
 *     fakes (transcription and synthesis answer at once), so the figure is the panel's and the
 *     server's own time after the voice detector's end-of-speech window.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { oggOpusOf } from '../test/fakes/speech/index.ts';
import { launchChromium, micWav, startPanelServer } from '../test/web/helpers.ts';
import { buildPanel, DIST_DIR, panelBuildStale } from '../web/build.ts';
import { isMain, percentile, printFigures } from './stats.ts';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Speech fakes that answer at once: a fixed transcript, and one short Ogg/Opus clip for any text. */
async function instantSpeech(text: string): Promise<{ url: string; server: Server }> {
  const clip = await oggOpusOf('Okay.');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/health') return void res.writeHead(200).end('OK');
      if (req.url === '/v1/models') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'whisper', object: 'model' }, { id: 'tts-1', object: 'model' }] }));
      if (req.url === '/v1/audio/transcriptions') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text }));
      if (req.url === '/v1/audio/speech') return void res.writeHead(200, { 'content-type': 'audio/ogg', 'content-length': String(clip.length) }).end(clip);
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function shippedJs(): Record<string, string> {
  const files = readdirSync(DIST_DIR).filter((f) => f.endsWith('.js'));
  const entry = readFileSync(join(DIST_DIR, 'panel.js'), 'utf8');
  // What panel.js imports statically loads with the page; the rest is the hands-free chunk.
  const initial = files.filter((f) => f === 'panel.js' || new RegExp(`from"\\./${f.replace('.', '\\.')}"`).test(entry));
  const lazy = files.filter((f) => !initial.includes(f));
  const sum = (fs: string[]) => fs.reduce((n, f) => n + gz(join(DIST_DIR, f)), 0);
  const vadJs = gz(join(import.meta.dirname, '..', 'node_modules', '@ricky0123', 'vad-web', 'dist', 'vad.worklet.bundle.min.js')) + gz(join(import.meta.dirname, '..', 'node_modules', 'onnxruntime-web', 'dist', 'ort-wasm-simd-threaded.mjs'));
  const css = gz(join(DIST_DIR, 'panel.css'));
  return {
    'JS on page load (gzip)': kb(sum(initial)),
    'JS added by hands-free (gzip)': `${kb(sum(lazy) + vadJs)} (bundle chunk ${kb(sum(lazy))} + worklet and ONNX Runtime loader ${kb(vadJs)})`,
    'JS shipped in all (gzip, goal < 150 KB)': kb(sum(initial) + sum(lazy) + vadJs),
    'CSS (gzip)': kb(css),
  };
}

async function firstQuestion(page: Page, url: string): Promise<{ form: number; question: number }> {
  const t0 = performance.now();
  await page.goto(`${url}/interview`);
  await page.getByRole('button', { name: 'Start interview' }).waitFor();
  const t1 = performance.now();
  await page.getByRole('button', { name: 'Start interview' }).click();
  await page.locator('[role=log] p.line.interviewer', { hasText: '?' }).first().waitFor();
  const t2 = performance.now();
  return { form: t1 - t0, question: t2 - t0 };
}

async function main(): Promise<void> {
  if (panelBuildStale()) await buildPanel();
  printFigures('Browser panel: JavaScript shipped', shippedJs());

  const spoken = 'I led the move of our billing service to Kubernetes and cut deploy time from an hour to eight minutes.';
  const speech = await instantSpeech(spoken);
  const server = await startPanelServer({ GPU_SERVER_URL: speech.url, GPU_HEALTH_INTERVAL_MS: '1000' });
  for (let i = 0; i < 100; i++) {
    const h = (await (await fetch(`${server.url}/health`)).json()) as { mode: { voice: string } };
    if (h.mode.voice === 'gpu') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await launchChromium({ micFile: await micWav(spoken, 1.5) });
  try {
    const loads: { form: number; question: number }[] = [];
    for (let i = 0; i < 6; i++) {
      // A fresh context each time: empty cache, no stored session.
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const r = await firstQuestion(page, server.url);
      if (i > 0) loads.push(r); // the first run also starts the browser's own machinery
      await ctx.close();
    }
    const med = (xs: number[]) => `${percentile(xs, 50).toFixed(0)} ms (p90 ${percentile(xs, 90).toFixed(0)} ms)`;
    printFigures('Browser panel: page load to first question (localhost, cold cache, 5 runs)', {
      'open /interview to start form ready': med(loads.map((l) => l.form)),
      'open /interview to first question (with Start clicked; goal < 1 s)': med(loads.map((l) => l.question)),
    });

    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/interview`);
    await page.getByRole('switch', { name: 'Voice interview' }).click();
    await page.getByRole('button', { name: 'Start interview' }).click();
    await page.getByRole('radio', { name: 'Hands-free' }).check();
    const gaps: number[] = [];
    const deadline = Date.now() + 40_000;
    while (gaps.length < 6 && Date.now() < deadline) {
      await page.waitForTimeout(1000);
      const marks = await page.evaluate<{ event: string; at: number }[]>('window.__interviewMarks ?? []');
      gaps.length = 0;
      marks.forEach((m, i) => {
        if (m.event !== 'speech-end') return;
        const next = marks.slice(i + 1).find((x) => x.event === 'first-sound');
        if (next) gaps.push(next.at - m.at);
      });
    }
    printFigures(`Browser panel: end of spoken answer to Alex's first sound (hands-free, instant speech fakes, ${gaps.length} turns)`, {
      'after the 700 ms end-of-speech window, median (goal < 300 ms)': gaps.length ? `${percentile(gaps, 50).toFixed(0)} ms` : 'no turns measured',
      'p90': gaps.length ? `${percentile(gaps, 90).toFixed(0)} ms` : '–',
    });
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
    speech.server.close();
  }
}

if (isMain(import.meta.url)) await main();
