// Shared types and small helpers for the fake Web API method handlers.
import type { SlackState, StoredMessage, SlackUser, StoredFile } from './state.ts';

export interface FakeIdentity {
  botToken: string;
  appToken: string;
  botUserId: string;
  botId: string;
  teamId: string;
  teamName: string;
  teamDomain: string;
  appId: string;
}

export interface MethodContext {
  state: SlackState;
  identity: FakeIdentity;
  /** http://127.0.0.1:P, no trailing slash. */
  baseUrl: string;
  socketUrl: string;
  token: string | undefined;
}

export type MethodResult = Record<string, unknown>;
export type Args = Record<string, unknown>;
export type MethodHandler = (args: Args, ctx: MethodContext) => MethodResult;

export function fail(error: string): MethodResult {
  return { ok: false, error };
}

/** Form fields arrive as strings and JSON bodies as typed values; read both as text. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function bool(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function list(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function record(value: unknown): Record<string, unknown> | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      return record(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Unknown users still resolve, with a predictable profile, so bots can greet anyone. */
export function userFor(ctx: MethodContext, id: string): SlackUser {
  const known = ctx.state.users.get(id);
  if (known) return known;
  if (id === ctx.identity.botUserId) {
    return { id, name: 'fakebot', real_name: 'Fake Bot', display_name: 'fakebot', is_bot: true };
  }
  const suffix = id.slice(-4).toLowerCase();
  return { id, name: `user-${suffix}`, real_name: `User ${suffix.toUpperCase()}`, display_name: `user-${suffix}` };
}

/** The message as the Web API shows it: no fake-only bookkeeping, no empty reactions. */
export function apiMessage(message: StoredMessage): MethodResult {
  const { channel: _channel, deleted: _deleted, reactions, ...rest } = message;
  const shown: MethodResult = { ...rest };
  if (reactions.length > 0) shown.reactions = reactions.map((r) => ({ ...r, users: [...r.users] }));
  return shown;
}

export function fileUrl(ctx: Pick<MethodContext, 'baseUrl'>, file: Pick<StoredFile, 'id' | 'name'>): string {
  return `${ctx.baseUrl}/files/${file.id}/${encodeURIComponent(file.name)}`;
}

export function apiFile(ctx: Pick<MethodContext, 'baseUrl'>, file: StoredFile): MethodResult {
  const url = fileUrl(ctx, file);
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: file.filetype.toUpperCase(),
    user: file.user,
    mode: 'hosted',
    is_external: false,
    size: file.bytes.length,
    url_private: url,
    url_private_download: `${url}?download=1`,
    permalink: `${ctx.baseUrl}/archives/${file.channels[0] ?? 'none'}/files/${file.id}`,
    channels: [...file.channels],
  };
}

const MIME_BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
  m4a: 'audio/mp4',
};

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : 'binary';
}

export function mimeFor(name: string): string {
  return MIME_BY_EXTENSION[extensionOf(name)] ?? 'application/octet-stream';
}
