// Downloads a file shared in Slack. The bot token goes only to Slack's own file hosts (or the
// configured API host, for a self-hosted or test Slack), and the size is capped while reading
// so a wrong `size` field cannot make us buffer more than the limit.
import { UserError } from '../../../engine/errors.ts';

export class DownloadError extends Error {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = 'DownloadError';
    this.retryable = retryable;
  }
}

/** Hosts that may receive the bot token: Slack's, plus the host of SLACK_API_URL when set. */
export function tokenHostAllowed(url: string, apiUrl: string | undefined): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (apiUrl && u.host === new URL(apiUrl).host) return true;
  if (u.protocol !== 'https:') return false;
  const h = u.hostname.toLowerCase();
  return h === 'slack.com' || h.endsWith('.slack.com') || h.endsWith('.slack-edge.com');
}

export interface DownloadOptions {
  token: string;
  maxBytes: number;
  apiUrl?: string;
  /** What a user calls the limit, e.g. "5 MB". */
  limitText: string;
  signal?: AbortSignal;
}

export async function downloadSlackFile(url: string, opts: DownloadOptions): Promise<Uint8Array> {
  if (!tokenHostAllowed(url, opts.apiUrl)) throw new DownloadError(`refusing to send the bot token to ${new URL(url).host}`, false);
  const res = await fetch(url, { headers: { authorization: `Bearer ${opts.token}` }, signal: opts.signal ?? AbortSignal.timeout(30_000) });
  if (!res.ok) throw new DownloadError(`file download answered HTTP ${res.status}`, res.status >= 500 || res.status === 429);
  // Without files:read Slack answers 200 with its sign-in page instead of the file.
  if ((res.headers.get('content-type') ?? '').startsWith('text/html')) throw new DownloadError('file download returned an HTML page (is the files:read scope granted?)', false);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    await res.body?.cancel();
    throw new UserError('too_large', `That file is larger than the ${opts.limitText} limit.`);
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += chunk.byteLength;
    if (total > opts.maxBytes) throw new UserError('too_large', `That file is larger than the ${opts.limitText} limit.`);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}
