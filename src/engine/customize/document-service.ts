import type { Logger } from 'pino';
import { instructionLines } from '../docs/injection.ts';
import { extractJobRequirements } from '../docs/job.ts';
import { parseDocument } from '../docs/parse.ts';
import { extractProfile } from '../docs/profile.ts';
import type { DocumentInput, DocumentKind, ParsedDocument } from '../docs/types.ts';
import type { SessionStore } from '../store/session-store.ts';

/** One line of a user's document list (no text): enough to show and to pick ids. */
export interface DocumentEntry {
  id: string;
  filename: string;
  kind: DocumentKind;
  format: ParsedDocument['format'];
  pages?: number;
  summary: string;
  addedAt: number;
}

export interface DocumentServiceOptions {
  store: SessionStore;
  logger?: Logger;
  /** MAX_UPLOAD_BYTES. */
  maxBytes?: number;
  /** MAX_DOC_PAGES. */
  maxPages?: number;
  /** Documents kept per user; adding one more drops the oldest. */
  maxDocuments?: number;
  now?: () => number;
}

const INDEX = 'docs';
const recordName = (id: string) => `doc:${id}`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "resume, 2 pages: 3 roles, 4 projects, 18 skills" — what the person sees after an upload. */
export function summarizeDocument(doc: ParsedDocument): string {
  const pages = doc.pages ? `, ${plural(doc.pages, 'page')}` : '';
  let body: string;
  if (doc.kind === 'resume') {
    const p = extractProfile(doc);
    body = `resume${pages}: ${plural(p.roles.length, 'role')}, ${plural(p.projects.length, 'project')}, ${plural(p.skills.length, 'skill')}`;
  } else {
    const j = extractJobRequirements(doc);
    const what = j.title ? `${j.title}${j.company ? ` at ${j.company}` : ''}; ` : '';
    body = `job description${pages}: ${what}${plural(j.skills.length, 'skill')} (${j.requiredSkills.length} required), ${plural(j.responsibilities.length, 'responsibility').replace(/ys$/, 'ies')}`;
  }
  const flagged = instructionLines(doc.lines).length;
  return flagged ? `${body} (${plural(flagged, 'line')} written as instructions to an AI ${flagged === 1 ? 'was' : 'were'} ignored)` : body;
}

function isStoredDocument(v: unknown): v is ParsedDocument {
  const d = v as ParsedDocument | null;
  return !!d && typeof d.id === 'string' && typeof d.filename === 'string' && Array.isArray(d.lines) && d.lines.every((l) => typeof l === 'string') && (d.kind === 'resume' || d.kind === 'job-description');
}

/**
 * Resumes and job descriptions a user uploaded, kept as per-user records of the session store
 * (parsed text and lines only, never the uploaded bytes), so "forget me" deletes them with
 * everything else. A file is parsed completely before anything is written: a refused file
 * leaves no trace.
 */
export class DocumentService {
  readonly maxBytes: number;
  private readonly maxPages: number;
  private readonly maxDocuments: number;
  private readonly store: SessionStore;
  private readonly log: Logger | undefined;
  private readonly now: () => number;

  constructor(o: DocumentServiceOptions) {
    this.store = o.store;
    this.log = o.logger;
    this.maxBytes = o.maxBytes ?? 5 * 1024 * 1024;
    this.maxPages = o.maxPages ?? 10;
    this.maxDocuments = Math.max(1, o.maxDocuments ?? 10);
    this.now = o.now ?? Date.now;
  }

  /** Parses and stores an uploaded file. Throws DocumentError (with a message for the user) when it cannot be used. */
  async ingest(userKey: string, file: DocumentInput): Promise<{ id: string; summary: string; kind: DocumentKind; filename: string }> {
    const doc = await parseDocument(file, { maxBytes: this.maxBytes, maxPages: this.maxPages });
    return this.save(userKey, doc);
  }

  /** Stores a document that is already parsed (e.g. text pasted into a form, via parsedFromText). */
  async ingestParsed(userKey: string, doc: ParsedDocument): Promise<{ id: string; summary: string; kind: DocumentKind; filename: string }> {
    return this.save(userKey, doc);
  }

  private async save(userKey: string, doc: ParsedDocument): Promise<{ id: string; summary: string; kind: DocumentKind; filename: string }> {
    const summary = summarizeDocument(doc);
    const entry: DocumentEntry = { id: doc.id, filename: doc.filename, kind: doc.kind, format: doc.format, summary, addedAt: this.now(), ...(doc.pages ? { pages: doc.pages } : {}) };
    // The index is read-modified-written: one writer per user at a time (a lock of its own, so
    // putUserRecord's user lock inside is never re-entered).
    await this.store.withLock(`docs:${userKey}`, async () => {
      await this.store.putUserRecord(userKey, recordName(doc.id), doc);
      try {
        const list = (await this.list(userKey)).filter((e) => e.id !== doc.id);
        list.push(entry);
        const dropped = list.splice(0, Math.max(0, list.length - this.maxDocuments));
        await this.store.putUserRecord(userKey, INDEX, list);
        for (const d of dropped) await this.deleteRecord(userKey, recordName(d.id));
      } catch (err) {
        // Without an index entry the record is unreachable: take it out again rather than leave half a document.
        await this.deleteRecord(userKey, recordName(doc.id)).catch(() => undefined);
        throw err;
      }
    });
    this.log?.info({ documentId: doc.id, kind: doc.kind, format: doc.format, pages: doc.pages, lines: doc.lines.length }, 'document stored');
    return { id: doc.id, summary, kind: doc.kind, filename: doc.filename };
  }

  async list(userKey: string): Promise<DocumentEntry[]> {
    const list = await this.store.getUserRecord<DocumentEntry[]>(userKey, INDEX);
    return Array.isArray(list) ? list : [];
  }

  /** The user's documents with these ids, in the order asked; unknown ids are skipped. */
  async load(userKey: string, ids: string[]): Promise<ParsedDocument[]> {
    const out: ParsedDocument[] = [];
    for (const id of [...new Set(ids)]) {
      if (typeof id !== 'string' || !/^[\w-]{1,64}$/.test(id)) continue;
      const rec = await this.store.getUserRecord<unknown>(userKey, recordName(id));
      if (isStoredDocument(rec)) out.push({ ...rec, text: rec.lines.join('\n') });
    }
    return out;
  }

  /** Deletes every document of the user (SessionStore.forgetUser deletes them too, with the rest). */
  async forget(userKey: string): Promise<void> {
    await this.store.withLock(`docs:${userKey}`, async () => {
      for (const e of await this.list(userKey)) await this.deleteRecord(userKey, recordName(e.id));
      await this.deleteRecord(userKey, INDEX);
    });
  }

  /**
   * SessionStore has no call to delete one user record; the key layout is its `urec:<user>:<name>`.
   * The name stays in the user's record list, which only forgetUser reads (deleting a missing key is fine).
   */
  private async deleteRecord(userKey: string, name: string): Promise<void> {
    await this.store.kv.delete(`urec:${userKey}:${name}`);
  }
}
