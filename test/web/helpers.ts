/**
 * The browser panel under test: the real server as `make start` wires it (memory store, the
 * offline interviewer, speech stack, document intake), Debian's Chromium through
 * playwright-core, and a fake microphone that plays an espeak-ng WAV.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApiServer, type ApiServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import { encodeWav } from '../../src/audio/wav.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildApp, type App } from '../../src/app/app.ts';
import { buildPanel, panelBuildStale } from '../../web/build.ts';
import { speechWav } from '../gpu/speech/helpers.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');

export interface PanelServer {
  url: string;
  api: ApiServer;
  runtime: App;
  close(): Promise<void>;
}

/** The server as main.ts builds it, on a memory store; env as strings like the real environment. */
export async function startPanelServer(env: Record<string, string> = {}): Promise<PanelServer> {
  if (panelBuildStale()) await buildPanel();
  const config = loadConfig({ STORE_URL: 'memory://', LOG_LEVEL: 'silent', EDGE_TTS_ENABLED: 'false', GPU_SERVER_URL: '', RATE_LIMIT_PER_MINUTE: '10000', ...env });
  const logger = silentLogger();
  const runtime = await buildApp(config, logger, { speech: true });
  const api = await createApiServer({
    engine: runtime.engine,
    kv: runtime.kv,
    logger,
    config,
    modeNotes: runtime.modeNotes,
    healthSources: runtime.health,
    processMetrics: false,
    ...(runtime.speech ? { speech: runtime.speech } : {}),
    ...(runtime.customize ? { documents: runtime.customize.documents } : {}),
  });
  const { url } = await api.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    api,
    runtime,
    async close() {
      await api.close();
      await runtime.close();
    },
  };
}

/** Spoken words at 48 kHz mono, then `silenceS` of silence (so voice detection hears the turn end). */
export async function micWav(text: string, silenceS = 2): Promise<string> {
  const { wav } = await speechWav(text, 48_000, 1);
  const samples = new Int16Array(wav.buffer, wav.byteOffset + 44, (wav.length - 44) / 2);
  const padded = new Int16Array(samples.length + Math.round(silenceS * 48_000));
  padded.set(samples);
  const dir = mkdtempSync(join(tmpdir(), 'fake-mic-'));
  const file = join(dir, 'mic.wav');
  writeFileSync(file, encodeWav({ sampleRate: 48_000, channels: 1, samples: padded }));
  return file;
}

export async function launchChromium(opts: { micFile?: string } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      ...(opts.micFile ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${opts.micFile}`] : []),
    ],
  });
}

/** Page errors and console errors, collected so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** No element is wider than the viewport (nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  // Evaluated in the page (a string: this file is type-checked without the DOM library).
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

export const GOOD_ANSWER =
  'In my last role I led the migration of our billing service to Kubernetes. The situation was that deploys took an hour and failed often. I wrote the rollout plan, paired with two engineers on the Helm charts, and ran canary releases. As a result deploy time fell from 60 to 8 minutes and incidents dropped by 40 percent.';
