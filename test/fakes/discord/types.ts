// Public shapes of the fake Discord: what tests configure and what they can inspect afterwards.
import type { Logger } from 'pino';
import type { PermissionName } from './permissions.ts';

export interface FakeUserSeed {
  id?: string;
  username: string;
  globalName?: string;
  bot?: boolean;
}

/** 0 text, 2 voice, 4 category, 5 announcement, 13 stage, 15 forum (Discord channel types). */
export type GuildChannelKind = 0 | 2 | 4 | 5 | 13 | 15;

export interface ChannelSeed {
  id?: string;
  name: string;
  type?: GuildChannelKind;
  /** Name of a category seeded earlier in the same guild. */
  parent?: string;
  topic?: string;
}

export interface GuildSeed {
  id?: string;
  name?: string;
  channels?: ChannelSeed[];
  /** Usernames of seeded users who are members (the bot and the owner always are). Default: every user. */
  members?: string[];
  /** Permissions of @everyone; default is what Discord gives a new server. */
  everyonePermissions?: bigint | PermissionName[];
  /** Permissions of the bot's managed role. */
  botPermissions?: bigint | PermissionName[];
}

export interface FakeDiscordOptions {
  /** When set, REST calls and IDENTIFY must use exactly this token (401 / close 4004 otherwise). */
  token?: string;
  botUsername?: string;
  botId?: string;
  /** Defaults to the bot id, as for any application created since 2016. */
  applicationId?: string;
  /** Default: alice and bob. */
  users?: FakeUserSeed[];
  /** Default: one guild with #general and #interviews under a category, and a voice channel. */
  guilds?: GuildSeed[];
  heartbeatIntervalMs?: number;
  /** Discord drops interactions not acknowledged within 3 s (10062 Unknown interaction). 0 disables. */
  interactionAckDeadlineMs?: number;
  /** Per-file upload limit; larger files get 413 code 40005 like Discord's free tier (10 MiB). */
  maxFileBytes?: number;
  /** Intent bits the application is not approved for; IDENTIFY asking for them is closed with 4014. */
  disallowedIntents?: number;
  logger?: Logger;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedRequest {
  seq: number;
  at: number;
  method: string;
  /** Decoded path after `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** Route pattern that handled it, e.g. `POST /channels/:channelId/messages`; null for unknown routes. */
  route: string | null;
  params: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body, or the parsed `payload_json` of a multipart body. */
  body: unknown;
  multipart: boolean;
  fields: Record<string, string>;
  files: RecordedFile[];
  status: number;
  responseBody: unknown;
  /** Set when a scripted failure answered instead of the route. */
  injected: boolean;
  /** Interaction token for interaction callback and webhook routes. */
  interactionToken?: string;
}

export interface FailureSpec {
  method?: string;
  /** Matched against the decoded path after `/api/v10`; a string must match exactly. */
  path?: RegExp | string;
  status: number;
  code?: number;
  message?: string;
  errors?: unknown;
  /** Seconds, for 429s (Discord sends fractional seconds in the body and header). */
  retryAfter?: number;
  global?: boolean;
  /** How many matching requests fail; default 1. */
  times?: number;
}

export interface GatewayLogEntry {
  at: number;
  direction: 'in' | 'out';
  sessionId: string | null;
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
}

/** A user reference in helpers: a seeded username, a user id, or an object with an id. */
export type UserRef = string | { id: string };

export interface FileSpec {
  filename: string;
  contentType: string;
  data: Buffer | Uint8Array | string;
  /** Extra attachment fields, e.g. `duration_secs` and `waveform` for voice messages. */
  extra?: Record<string, unknown>;
}

export interface InteractionInfo {
  id: string;
  token: string;
  /** False when no gateway session was there to receive it. */
  delivered: boolean;
}
