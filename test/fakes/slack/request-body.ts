// Reads request bodies the way Slack's edge accepts them: form-urlencoded (web-api's default),
// JSON, or multipart (uploads and binary arguments).
import type { IncomingMessage } from 'node:http';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Fields that carry JSON inside a form value; web-api stringifies objects for these. */
const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
  'loading_messages',
  'prompts',
  'options',
]);

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export type ParsedArgs = Record<string, unknown>;

export async function parseArgs(raw: Buffer, contentType: string | undefined): Promise<ParsedArgs> {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(raw, contentType!);
  const text = raw.toString('utf8');
  if (type.startsWith('application/json') || (!type && /^\s*[{[]/.test(text))) {
    if (!text.trim()) return {};
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as ParsedArgs) : {};
  }
  const args: ParsedArgs = {};
  for (const [key, value] of new URLSearchParams(text)) args[key] = decodeField(key, value);
  return args;
}

/** Multipart via the platform's own parser; file parts become Buffers. */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedArgs> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const args: ParsedArgs = {};
  for (const [key, value] of form) {
    args[key] = typeof value === 'string' ? decodeField(key, value) : Buffer.from(await value.arrayBuffer());
  }
  return args;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1];
}
