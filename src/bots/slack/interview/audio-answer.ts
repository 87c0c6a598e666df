// A Slack audio clip posted in an interview thread becomes the candidate's answer: look the
// file up, download it (size-capped), transcribe it, and show the transcript before Alex replies.
import type { WebClient } from '@slack/web-api';
import { formatBytes } from '../../../engine/docs/errors.ts';
import type { SlackDeps } from '../deps.ts';
import { userSafeMessage } from '../../../chat/safe-text.ts';
import { escapeSlack } from '../slack-text.ts';
import { downloadSlackFile } from './download.ts';
import type { SharedFile } from './files.ts';

interface AudioInfo {
  mimetype?: string;
  filetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
  subtype?: string;
}

const AUDIO_TYPES = /^(audio\/|video\/webm|video\/mp4)/;

export function looksLikeAudio(f: SharedFile & { mimetype?: string; subtype?: string }): boolean {
  return AUDIO_TYPES.test(f.mimetype ?? '') || f.subtype === 'slack_audio' || /\.(ogg|oga|opus|webm|m4a|mp3|wav)$/i.test(f.name ?? '');
}

/** Returns the transcript, or null after telling the candidate why the clip could not be used. */
export async function transcribeClip(deps: SlackDeps, client: WebClient, f: SharedFile, tell: (msg: string) => Promise<unknown>, language?: string): Promise<string | null> {
  if (!deps.transcribe) {
    await tell("I can't listen to audio clips right now (no speech-to-text service). Please type your answer.");
    return null;
  }
  try {
    const info = (await client.files.info({ file: f.id })).file as AudioInfo | undefined;
    const type = info?.mimetype ?? 'audio/webm';
    if (!AUDIO_TYPES.test(type)) return null;
    const max = deps.config.MAX_UPLOAD_BYTES;
    if (typeof info?.size === 'number' && info.size > max) {
      await tell(`That clip is ${formatBytes(info.size)}; the limit is ${formatBytes(max)}. Please record a shorter answer.`);
      return null;
    }
    const url = info?.url_private_download ?? info?.url_private;
    if (!url) return null;
    const bytes = await downloadSlackFile(url, { token: deps.botToken, maxBytes: max, limitText: formatBytes(max), ...(deps.config.SLACK_API_URL ? { apiUrl: deps.config.SLACK_API_URL } : {}) });
    const text = (await deps.transcribe(Buffer.from(bytes), type, language)).trim();
    if (!text) {
      await tell("I couldn't hear any words in that clip. Could you try again, or type your answer?");
      return null;
    }
    return text;
  } catch (err) {
    const safe = userSafeMessage(err);
    if (!safe) deps.log.warn({ err, fileId: f.id }, 'audio clip transcription failed');
    await tell(safe ?? "I couldn't transcribe that clip. Could you try again, or type your answer?");
    return null;
  }
}

export function transcriptLine(text: string): string {
  return `:studio_microphone: ${escapeSlack(text.slice(0, 2900))}`;
}
