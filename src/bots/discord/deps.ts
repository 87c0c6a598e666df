import type { Client } from 'discord.js';
import type { Runtime } from '../../runtime.ts';
import type { DocumentIntake } from '../shared/documents.ts';

/** A voice-channel controller (voice interviews); optional, added by the voice surface. */
export interface DiscordVoice {
  start(input: { client: Client; guildId: string; userId: string; threadId: string; sessionId: string }): Promise<{ ok: true } | { ok: false; message: string }>;
  stop(sessionId: string): Promise<void>;
  /** Speaks a reply in the voice channel if the session is a voice session. */
  speak?(sessionId: string, texts: string[]): Promise<void>;
  isVoiceSession?(sessionId: string): boolean;
  transcribeAttachment?(bytes: Buffer, contentType: string, language?: string): Promise<string>;
}

export interface DiscordDeps {
  runtime: Runtime;
  documents?: DocumentIntake;
  /** Lines for /interview status (providers, speech mode). */
  statusLines?: () => Promise<string[]> | string[];
  voice?: DiscordVoice;
}
