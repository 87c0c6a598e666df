import type { App } from '../../app/app.ts';
import { noticesFor } from '../../engine/i18n/notices.ts';

const VOICE_TEXT: Record<string, string> = {
  gpu: 'self-hosted Whisper and XTTS on the GPU server',
  'cloud-stt+edge-tts': 'cloud speech-to-text with Edge TTS (GPU server unavailable)',
  'edge-tts': 'Edge TTS for speaking; answers are typed (no speech-to-text available)',
  'text-only': 'text only (no speech service available)',
};

/**
 * Plain lines for a status command: which model provider answers now, and the speech mode.
 * Shared by Discord's /interview status and Slack's help.
 */
export async function statusLines(app: Pick<App, 'models' | 'speech' | 'kv'>, language?: string): Promise<string[]> {
  const t = noticesFor(language)?.status;
  const lines: string[] = [];
  if (app.models) {
    const health = await app.models.chain.health().catch(() => []);
    const live = health.find((h) => h.ok && h.configured);
    if (t) lines.push(live ? t.interviewer(live.provider, live.model) : t.offlineUnavailable);
    else lines.push(live ? `Interviewer: ${live.provider} (${live.model})` : 'Interviewer: the built-in offline interviewer (no model provider is available right now)');
    for (const h of health.filter((x) => x.configured && !x.ok)) lines.push(`${h.provider}/${h.model}: ${h.state}${h.lastError ? `, ${h.lastError}` : ''}`);
  } else {
    lines.push(t?.offlineUnconfigured ?? 'Interviewer: the built-in offline interviewer (no language model configured); scores are heuristic.');
  }
  if (app.speech) {
    const m = app.speech.mode();
    lines.push(t ? `${t.speechLabel}${t.speech[m.voice] ?? m.voice}` : `Speech: ${VOICE_TEXT[m.voice] ?? m.voice}`);
  } else {
    lines.push(t?.textOnly ?? 'Speech: text only');
  }
  lines.push(t?.store(app.kv.kind) ?? `Store: ${app.kv.kind}`);
  return lines;
}
