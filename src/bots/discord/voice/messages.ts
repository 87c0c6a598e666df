/** What the voice surface says in Discord, in one place. */
import { noticesFor } from '../../../engine/i18n/notices.ts';

export const NOT_IN_VOICE = 'Join a voice channel first, then press Voice or run /interview start mode:voice again.';

export const GUILD_BUSY = "I'm already running a voice interview in this server (a bot can be in one voice channel per server). This interview continues here in text.";

export const SPEECH_UNAVAILABLE = "Voice isn't available right now (no speech service is reachable), so the interview continues here in text.";

export const CONNECT_FAILED = "I couldn't connect to the voice channel, so the interview continues here in text. Press Voice to try again.";

export const CONNECTION_LOST = 'I lost the connection to the voice channel, so the interview continues here in text. Type your answers, or press Voice to try again.';

export const GUILD_UNAVAILABLE = "I can't see this server right now, so the interview continues here in text.";

/** The lines above in the interview's language (English when it is English). */
export function voiceStartLines(language?: string): { notInVoice: string; guildBusy: string; speechUnavailable: string; guildUnavailable: string } {
  return noticesFor(language) ?? { notInVoice: NOT_IN_VOICE, guildBusy: GUILD_BUSY, speechUnavailable: SPEECH_UNAVAILABLE, guildUnavailable: GUILD_UNAVAILABLE };
}

/** CONNECT_FAILED in the interview's language. */
export function connectFailed(language?: string): string {
  return noticesFor(language)?.connectFailed ?? CONNECT_FAILED;
}

/** CONNECTION_LOST in the interview's language. */
export function connectionLost(language?: string): string {
  return noticesFor(language)?.connectionLost ?? CONNECTION_LOST;
}

export function joinedNote(channelId: string, language?: string): string {
  const t = noticesFor(language);
  if (t) return t.joined(`<#${channelId}>`);
  return `🔊 I'm in <#${channelId}>. Answer out loud; I'll post what I hear here. Say "repeat", "skip" or "end" any time, or just talk over me to interrupt.`;
}

export function leftNote(channelId: string, language?: string): string {
  const t = noticesFor(language);
  if (t) return t.left(`<#${channelId}>`);
  return `⏸️ You left the voice channel, so I've paused the interview. Rejoin <#${channelId}> and we'll carry on from the same question.`;
}
