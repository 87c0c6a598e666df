// The one place every chat surface goes through to run an interview: whose interview it is,
// each message handled once, replies in answer order, the engine call, errors turned into
// words a user may see, the end of the interview and documents. Surfaces parse and render.
import type { InterviewEngine } from '../engine/engine.ts';
import type { HistoryEntry, SessionStore } from '../engine/store/session-store.ts';
import type { EngineInput, Reply, Report, Session, StartOptions } from '../engine/types.ts';
import type { Logger } from '../logger.ts';
import type { AttachedFile, ChatAdapter } from './adapter.ts';
import type { DocumentIntake, UploadedFile } from './documents.ts';
import { claimOnce, firstTime, type Claim } from './once.ts';
import { RECORDED_NOT_SHOWN, SOMETHING_WENT_WRONG, userSafeMessage } from './safe-text.ts';

export interface ConversationDeps {
  engine: InterviewEngine;
  logger: Logger;
  /** Reads resumes and job descriptions; null where documents are not set up. */
  documents: DocumentIntake | null;
}

export type TurnOutcome = { recorded: true; reply: Reply } | { recorded: false };

export type StartResult = { ok: true; reply: Reply } | { ok: false; message: string };

export interface StartRequest extends StartOptions {
  /** One running interview per user in this scope (a Discord server, a Slack workspace). */
  scope: string;
}

export type DocumentResult = { ok: true; summary: string; replanned: Reply | null } | { ok: false; message: string };

/** The user-safe text of an error, and whether it was one written for users. */
export function safeText(err: unknown): { text: string; known: boolean } {
  const safe = userSafeMessage(err);
  return safe ? { text: safe, known: true } : { text: SOMETHING_WENT_WRONG, known: false };
}

export const isRunning = (s: Session | undefined): s is Session => Boolean(s && (s.status === 'active' || s.status === 'paused'));

export class ConversationService {
  private readonly engine: InterviewEngine;
  private readonly log: Logger;
  readonly documents: DocumentIntake | null;

  constructor(deps: ConversationDeps) {
    this.engine = deps.engine;
    this.log = deps.logger;
    this.documents = deps.documents;
  }

  get store(): SessionStore {
    return this.engine.store;
  }

  sessionAt(placeKey: string): Promise<Session | undefined> {
    return this.engine.getByKey(placeKey);
  }

  sessionById(sessionId: string): Promise<Session | undefined> {
    return this.engine.getById(sessionId);
  }

  /** The user's running interview in a scope (one at a time per scope). */
  activeOf(userKey: string, scope: string): Promise<Session | undefined> {
    return this.store.activeOf(userKey, scope);
  }

  /** Claims a message, button press or file so redeliveries and twin events do nothing. */
  claimOnce(name: string, ttlMs?: number): Promise<Claim | null> {
    return claimOnce(this.store.kv, name, ttlMs);
  }

  /** True the first time for `name` within ttlMs (one note per bystander, not one per message). */
  firstTime(name: string, ttlMs: number): Promise<boolean> {
    return firstTime(this.store.kv, name, ttlMs);
  }

  /** Starts an interview and makes it the user's running one in its scope; the surface shows the first reply. */
  async start(req: StartRequest): Promise<StartResult> {
    const { scope, ...opts } = req;
    try {
      const reply = await this.engine.start({ ...opts, surface: { ...opts.surface, scope } });
      await this.store.setActive(opts.userKey, scope, { sessionId: reply.sessionId, placeKey: opts.key });
      return { ok: true, reply };
    } catch (err) {
      const safe = safeText(err);
      if (!safe.known) this.log.error({ err }, 'could not start an interview');
      return { ok: false, message: safe.known ? safe.text : 'Something went wrong starting the interview. Please try again.' };
    }
  }

  /**
   * One turn: the engine takes the input and the adapter shows the reply. Turns of one
   * interview run one after another (engine call and posting together), so replies appear in
   * the order the answers were given, on every surface. The end of the interview runs after
   * the turn lets go, so finishing (which may stop a voice room mid-turn) cannot wait on itself.
   */
  async turn<P>(adapter: ChatAdapter<P>, place: P, sessionId: string, input: EngineInput): Promise<TurnOutcome> {
    const outcome = await this.store.withLock(`chat:turn:${sessionId}`, () => this.turnLocked(adapter, place, sessionId, input));
    if (outcome.recorded && outcome.reply.done) await this.finish(adapter, place, outcome.reply);
    return outcome;
  }

  /** Runs one input without showing it anywhere (the voice room speaks its own replies), in turn order. */
  handle(sessionId: string, input: EngineInput): Promise<Reply> {
    return this.store.withLock(`chat:turn:${sessionId}`, () => this.engine.handleSession(sessionId, input));
  }

  private async turnLocked<P>(adapter: ChatAdapter<P>, place: P, sessionId: string, input: EngineInput): Promise<TurnOutcome> {
    const typing = adapter.typing(place);
    let reply: Reply;
    try {
      reply = await this.engine.handleSession(sessionId, input);
    } catch (err) {
      await typing.stop();
      const safe = safeText(err);
      if (!safe.known) this.log.error({ err, sessionId }, 'turn failed');
      await adapter.notify(place, safe.text).catch((e: unknown) => this.log.warn({ err: e, sessionId }, 'could not tell the candidate'));
      return { recorded: false };
    }
    await typing.stop();
    try {
      await adapter.render(place, reply);
    } catch (err) {
      // The engine has the answer; only the message failed. Say so rather than invite a resend.
      this.log.warn({ err, sessionId }, 'could not show the reply');
      await adapter.notify(place, adapter.explain?.(err) ?? RECORDED_NOT_SHOWN).catch(() => undefined);
    }
    return { recorded: true, reply };
  }

  /** After the last turn: the running-interview pointer goes, then the surface delivers the report. */
  async finish<P>(adapter: ChatAdapter<P>, place: P, reply: Reply): Promise<void> {
    const session = await this.engine.getById(reply.sessionId);
    const scope = session?.surface?.scope;
    if (session && typeof scope === 'string') await this.store.clearActive(session.userKey, scope, session.id);
    await adapter.finish(place, reply, session);
  }

  /** Ends the interview running at a place (its thread was deleted or archived); false when none was. */
  async endAt<P>(adapter: ChatAdapter<P>, place: P, placeKey: string): Promise<boolean> {
    const session = await this.sessionAt(placeKey);
    if (!isRunning(session)) return false;
    const outcome = await this.turn(adapter, place, session.id, { kind: 'command', command: 'end' });
    return outcome.recorded;
  }

  /** Reads an uploaded file into the user's documents (size checked before and while downloading). */
  async readDocument<P>(adapter: ChatAdapter<P>, userKey: string, file: AttachedFile): Promise<{ ok: true; id: string; summary: string } | { ok: false; message: string }> {
    const docs = this.documents;
    if (!docs || !adapter.fetchFile) return { ok: false, message: 'Document upload is not available on this server.' };
    if (file.size !== undefined && file.size > docs.maxBytes) {
      return { ok: false, message: `"${file.name}" is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${(docs.maxBytes / 1048576).toFixed(0)} MB.` };
    }
    try {
      const bytes = await adapter.fetchFile(file, docs.maxBytes);
      const doc = await this.ingest(userKey, { bytes, filename: file.name, ...(file.contentType ? { mimeType: file.contentType } : {}), ...(file.kind ? { kind: file.kind } : {}) });
      return { ok: true, ...doc };
    } catch (err) {
      const safe = userSafeMessage(err);
      if (!safe) this.log.warn({ err }, 'could not read a shared file');
      return { ok: false, message: safe ?? "I couldn't read that file. Please send a PDF, DOCX, TXT or Markdown file." };
    }
  }

  /** Stores a document for the user; throws DocumentError (safe to show) for files it cannot use. */
  ingest(userKey: string, file: UploadedFile): Promise<{ id: string; summary: string }> {
    if (!this.documents) throw new Error('documents are not set up');
    return this.documents.ingest(userKey, file);
  }

  /** A document arriving during an interview: a customize plan not yet under way is rebuilt on it. */
  async attachDocument<P>(adapter: ChatAdapter<P>, session: Session, file: AttachedFile): Promise<DocumentResult> {
    const read = await this.readDocument(adapter, session.userKey, file);
    if (!read.ok) return read;
    const replanned = await this.engine.attachDocuments(session.id, [read.id]);
    return { ok: true, summary: read.summary, replanned };
  }

  history(userKey: string): Promise<HistoryEntry[]> {
    return this.engine.history(userKey);
  }

  lastReport(userKey: string): Promise<Report | undefined> {
    return this.engine.lastReport(userKey);
  }

  /** Deletes everything stored about the user: sessions, history, documents, running-interview pointers. */
  forget(userKey: string): Promise<number> {
    return this.engine.forget(userKey);
  }
}
