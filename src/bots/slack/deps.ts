// What every listener needs, built once in app.ts and passed in (no module-level state).
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { ConversationService } from '../../chat/conversation.ts';
import type { KeyValueStore } from '../../engine/store/kv.ts';
import type { LanguageLookup, NameLookup } from './people.ts';

export type SlackConfig = Pick<Config, 'SLACK_BROADCAST_SUMMARY' | 'MAX_UPLOAD_BYTES' | 'SLACK_API_URL' | 'PUBLIC_URL' | 'USER_TOKEN_SECRET'>;

export interface SlackDeps {
  /** Interviews, documents, "handle once": everything shared with the other surfaces. */
  conversation: ConversationService;
  /** Slack's own records: customize interviews waiting for documents, the message with live buttons. */
  kv: KeyValueStore;
  config: SlackConfig;
  log: Logger;
  /** The interviewer's name in messages ("Alex is thinking…"). */
  interviewer: string;
  /** How long the engine may work before a thinking status is shown. */
  thinkingDelayMs: number;
  /** Used only as a Bearer token for Slack's own file hosts. */
  botToken: string;
  /** Whether assistant.threads.setStatus works here; learnt on first use. */
  statusSupport: { known?: boolean };
  displayName: NameLookup;
  /** The interview language: the user's Slack locale. */
  userLanguage?: LanguageLookup;
  /** Speech-to-text for audio clips posted as answers; absent when no speech service is set up. */
  /** `language`: the interview's (Whisper is told, so it does not guess English). */
  transcribe?: (bytes: Buffer, contentType: string, language?: string) => Promise<string>;
}
