// Resumes and job descriptions shared in a customize thread: look the file up, check type and
// size, download it, and hand the bytes to the documents service.
import type { WebClient } from '@slack/web-api';
import { formatBytes } from '../../../engine/docs/errors.ts';
import type { SlackDeps } from '../deps.ts';
import { userSafeMessage } from '../../../chat/safe-text.ts';
import { escapeSlack, truncate } from '../slack-text.ts';
import { downloadSlackFile } from './download.ts';
import { savePending, withPending, type PendingInterview } from './pending.ts';

export const SUPPORTED_EXTENSIONS = ['pdf', 'docx', 'txt', 'md', 'markdown'];
const SUPPORTED_TEXT = 'PDF, DOCX, TXT or MD';
export const NO_DOCUMENTS = 'Document upload is not available on this server, so customized interviews use role-based questions.';

export interface SharedFile {
  id: string;
  name?: string;
  /** As the message event gives it, when it does (audio clips are recognised by it). */
  mimetype?: string;
  subtype?: string;
}

interface FileInfo {
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

type Outcome = { ok: true; name: string; summary: string } | { ok: false; name: string; message: string } | { ok: 'duplicate' };

async function ingestOne(deps: SlackDeps, client: WebClient, p: PendingInterview, f: SharedFile): Promise<Outcome> {
  const documents = deps.conversation.documents;
  if (!documents) return { ok: false, name: f.name ?? 'file', message: NO_DOCUMENTS };
  // The same file can arrive as a message file_share and a file_shared event, and both can be retried.
  if (!(await deps.conversation.claimOnce(`slack:file:${f.id}:${p.key}`))) return { ok: 'duplicate' };
  let name = f.name ?? 'file';
  try {
    const info = (await client.files.info({ file: f.id })).file as FileInfo | undefined;
    name = info?.name ?? info?.title ?? name;
    const ext = extension(name) || (info?.filetype ?? '').toLowerCase();
    if (!SUPPORTED_EXTENSIONS.includes(ext)) return { ok: false, name, message: `I can read ${SUPPORTED_TEXT} files.` };
    const max = deps.config.MAX_UPLOAD_BYTES;
    if (typeof info?.size === 'number' && info.size > max) return { ok: false, name, message: `That file is ${formatBytes(info.size)}; the limit is ${formatBytes(max)}.` };
    const url = info?.url_private_download ?? info?.url_private;
    if (!url) return { ok: false, name, message: 'Slack did not give me a way to download it.' };
    const bytes = await downloadSlackFile(url, { token: deps.botToken, maxBytes: max, limitText: formatBytes(max), ...(deps.config.SLACK_API_URL ? { apiUrl: deps.config.SLACK_API_URL } : {}) });
    const doc = await documents.ingest(p.userKey, { bytes, filename: name, ...(info?.mimetype ? { mimeType: info.mimetype } : {}) });
    await withPending(deps, p.key, async (cur) => {
      if (!cur) return;
      cur.documentIds.push(doc.id);
      cur.documentNames.push(name);
      await savePending(deps, cur);
    });
    return { ok: true, name, summary: doc.summary };
  } catch (err) {
    const safe = userSafeMessage(err);
    if (!safe) deps.log.warn({ err, fileId: f.id }, 'could not read a shared file');
    return { ok: false, name, message: safe ?? 'I could not download or read it. Please try sharing it again.' };
  }
}

/** Reads each file and reports in the thread; returns how many documents were added. */
export async function ingestFiles(deps: SlackDeps, client: WebClient, p: PendingInterview, files: SharedFile[]): Promise<number> {
  const lines: string[] = [];
  let added = 0;
  for (const f of files) {
    const r = await ingestOne(deps, client, p, f);
    if (r.ok === 'duplicate') continue;
    if (r.ok) {
      added += 1;
      lines.push(`:page_facing_up: Read *${escapeSlack(r.name)}*: ${escapeSlack(truncate(r.summary, 600))}`);
    } else lines.push(`:warning: Could not use *${escapeSlack(r.name)}*: ${escapeSlack(r.message)}`);
  }
  if (!lines.length) return 0;
  lines.push('Share another file (a job description, say), or reply *start* to begin.');
  await client.chat.postMessage({ channel: p.channel, thread_ts: p.threadTs, text: lines.join('\n') });
  return added;
}
