import type { Client } from 'discord.js';
import type { App } from '../../app/app.ts';

/** Voice-channel interviews (src/bots/discord/voice): present when speech is set up. */
export interface DiscordVoice {
  start(input: { client: Client; guildId: string; userId: string; threadId: string; sessionId: string }): Promise<{ ok: true } | { ok: false; message: string }>;
  stop(sessionId: string): Promise<void>;
  /** Speaks a reply in the voice channel if the session is a voice session. */
  speak(sessionId: string, texts: string[]): Promise<void>;
  /** `language`: the interview's (Whisper is told, so it does not guess English). */
  transcribeAttachment(bytes: Buffer, contentType: string, language?: string): Promise<string>;
}

export interface DiscordDeps {
  app: App;
  /** null when no speech service is set up: interviews run in text, voice messages are refused. */
  voice: DiscordVoice | null;
}
