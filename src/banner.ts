import type { HealthJson } from './api/schemas.ts';
import { painter } from './terminal/style.ts';

/**
 * The start-up summary a person reads in the terminal: where the interview panel, API, docs and dashboard
 * are, which chat surfaces are on (and why not), and which model and speech modes are live.
 * It is drawn from /health, so the banner and the health check never disagree. JSON log
 * lines stay as they are for machines; the banner is printed only on a terminal.
 */
export interface BannerInput {
  /** Base URL people can open: the real port, and localhost when bound to every interface. */
  baseUrl: string;
  health: HealthJson;
  /** e.g. sqlite://./data/interviews.sqlite, with any password already hidden. */
  store: string;
}

const SURFACE_LABEL: Record<string, string> = { discord: 'Discord', slack: 'Slack', speech: 'Speech' };
const CHAT_SURFACES = ['discord', 'slack'];

/** Base URL from the listening address: 0.0.0.0 and :: mean every interface, so localhost works. */
export function browsableUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export function bannerLines(input: BannerInput, paint: (format: Parameters<ReturnType<typeof painter>>[0], text: string) => string = (_f, t) => t): string[] {
  const { baseUrl, health } = input;
  const on = (t: string) => paint('green', t);
  const off = (t: string) => paint('yellow', t);
  const bad = (t: string) => paint('red', t);
  const label = (t: string) => paint('bold', t.padEnd(12));
  const link = (t: string) => paint('cyan', t);
  const lines = [
    paint('bold', `Interview coach is running (version ${health.version}).`),
    '',
    `  ${label('Interview')}${link(`${baseUrl}/interview`)}  (take one in the browser)`,
    `  ${label('API')}${link(baseUrl)}  (docs: ${link(`${baseUrl}/docs`)})`,
    `  ${label('Dashboard')}${link(`${baseUrl}/dashboard`)}`,
    `  ${label('Health')}${link(`${baseUrl}/health`)}`,
    '',
  ];
  const components = health.components ?? {};
  for (const name of CHAT_SURFACES) {
    const c = components[name];
    const state = !c ? off('off') : c.ok ? on(`on${c.detail ? `, ${surfaceDetail(c.detail, baseUrl)}` : ''}`) : c.configured ? bad(`not working: ${c.detail ?? 'see the logs'}`) : off(c.detail ?? 'off');
    lines.push(`  ${label(SURFACE_LABEL[name] ?? name)}${state}`);
  }
  lines.push(`  ${label('Model')}${modelLine(health)}`);
  lines.push(`  ${label('Speech')}${speechLine(health, bad)}`);
  lines.push(`  ${label('Store')}${input.store}${health.store.ok ? '' : bad(' (unreachable)')}`);
  lines.push('', 'Stop with Ctrl+C. Log lines (JSON) follow below.', '');
  return lines;
}

function surfaceDetail(detail: string, baseUrl: string): string {
  // "HTTP at /slack/events" -> the full address to paste into the Slack app settings.
  const m = detail.match(/^HTTP at (\/\S+)$/);
  return m ? `over HTTP at ${baseUrl}${m[1]}` : detail === 'Socket Mode' ? 'over Socket Mode' : detail;
}

function modelLine(h: HealthJson): string {
  const note = h.notes.find((n) => n.startsWith('Mode:'));
  if (note) return note.replace(/^Mode:\s*/, '').replace(/\.$/, '');
  return h.mode.interviewer === 'offline' ? 'built-in offline interviewer; scores are heuristic' : h.mode.interviewer;
}

function speechLine(h: HealthJson, bad: (t: string) => string): string {
  const failing = h.components?.speech && !h.components.speech.ok ? ` ${bad(`(${h.components.speech.detail ?? 'a speech service is failing'})`)}` : '';
  switch (h.mode.voice) {
    case 'gpu':
      return `GPU server: Whisper speech-to-text and XTTS voice${failing}`;
    case 'edge-tts':
      return `Edge TTS voice; answers are typed${h.gpu.configured ? ` (GPU server: ${h.gpu.detail ?? 'down'})` : ' (GPU_SERVER_URL is not set)'}${failing}`;
    default:
      return `text only: no speech service${h.gpu.configured ? ` (GPU server: ${h.gpu.detail ?? 'down'})` : ' (GPU_SERVER_URL is not set, EDGE_TTS_ENABLED is off)'}${failing}`;
  }
}

/** Prints the banner on a terminal; elsewhere (a pipe, a container log) the JSON logs say it all. */
export async function printBanner(out: NodeJS.WriteStream, input: { baseUrl: string; store: string; health: () => Promise<HealthJson> }): Promise<void> {
  if (!out.isTTY) return;
  const health = await input.health();
  out.write(`${bannerLines({ baseUrl: input.baseUrl, store: input.store, health }, painter(out)).join('\n')}\n`);
}
