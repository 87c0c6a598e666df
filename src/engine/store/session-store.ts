import type { Report, Session } from '../types.ts';
import type { KeyValueStore } from './kv.ts';
import { ownerIsGone } from './lock-owner.ts';

/** One line of a user's history: enough for /history, the dashboard and App Home. */
export interface HistoryEntry {
  sessionId: string;
  key: string;
  type: Session['type'];
  role: string;
  level: Session['level'];
  startedAt: number;
  finishedAt?: number;
  status: Session['status'];
  score: number | null;
  band?: Report['overall']['band'];
  partial?: boolean;
  competencies?: Report['competencies'];
  /** The interview's language, when not English. */
  language?: Session['language'];
}

/**
 * A user's running interview within one scope (a Discord server, a Slack workspace): one at a
 * time per scope keeps "end my interview" unambiguous. Kept as a user record, so forgetting
 * the user removes it too.
 */
export interface ActiveInterview {
  sessionId: string;
  /** The session key of the place it runs in. */
  placeKey: string;
}

export type ForgetHook = (userKey: string) => Promise<void>;

const SESSION_TTL_MS = 30 * 24 * 3600_000;
const activeRecord = (scope: string) => `active:${scope}`;
const isRunning = (s: Session | undefined): s is Session => Boolean(s && (s.status === 'active' || s.status === 'paused'));
/**
 * Store locks are short and renewed while their work runs, so a process killed mid-turn leaves a
 * lock that expires within seconds; a restarted process clears at once the ones it can prove are
 * its dead predecessor's (lock-owner.ts).
 */
const LOCK_TTL_MS = 5_000;
const LOCK_RENEW_MS = 1_500;
/** How long to wait for another process's lock before answering busy. */
const LOCK_WAIT_MS = 750;

export class SessionBusyError extends Error {
  readonly retryable = true;
  constructor(key: string) {
    super(`session ${key} is busy in another process`);
  }
}

/**
 * Sessions, per-place active pointers and per-user history on top of a KeyValueStore.
 * `withLock` serialises work on one session: in-process callers queue on a promise chain
 * (cheap, ordered), and a store lock keeps other processes out.
 */
export class SessionStore {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly forgetHooks: ForgetHook[] = [];

  readonly kv: KeyValueStore;
  private readonly lockWaitMs: number;

  constructor(kv: KeyValueStore, opts: { lockWaitMs?: number } = {}) {
    this.kv = kv;
    this.lockWaitMs = opts.lockWaitMs ?? LOCK_WAIT_MS;
  }

  get(sessionId: string): Promise<Session | undefined> {
    return this.kv.get<Session>(`session:${sessionId}`);
  }

  async save(session: Session): Promise<void> {
    session.updatedAt = Date.now();
    session.version += 1;
    await this.kv.set(`session:${session.id}`, session, SESSION_TTL_MS);
  }

  /** The id of the session bound to a place, without reading the session itself. */
  idAt(key: string): Promise<string | undefined> {
    return this.kv.get<string>(`place:${key}`);
  }

  /** The session currently running at a place (thread, channel, CLI id). */
  async activeAt(key: string): Promise<Session | undefined> {
    const id = await this.kv.get<string>(`place:${key}`);
    return id ? this.get(id) : undefined;
  }

  async bindPlace(key: string, sessionId: string): Promise<void> {
    await this.kv.set(`place:${key}`, sessionId, SESSION_TTL_MS);
  }

  async unbindPlace(key: string): Promise<void> {
    await this.kv.delete(`place:${key}`);
  }

  /** Arbitrary small records owned by a user (documents, preferences); deleted with the user. */
  async putUserRecord(userKey: string, name: string, value: unknown): Promise<void> {
    await this.withLock(`user:${userKey}`, async () => {
      await this.kv.set(`urec:${userKey}:${name}`, value, SESSION_TTL_MS);
      const names = (await this.kv.get<string[]>(`urecs:${userKey}`)) ?? [];
      if (!names.includes(name)) names.push(name);
      await this.kv.set(`urecs:${userKey}`, names, SESSION_TTL_MS);
    });
  }

  getUserRecord<T>(userKey: string, name: string): Promise<T | undefined> {
    return this.kv.get<T>(`urec:${userKey}:${name}`);
  }

  async deleteUserRecord(userKey: string, name: string): Promise<void> {
    await this.kv.delete(`urec:${userKey}:${name}`);
  }

  /** Points the user's running interview in `scope` at a session. */
  async setActive(userKey: string, scope: string, active: ActiveInterview): Promise<void> {
    await this.putUserRecord(userKey, activeRecord(scope), active);
  }

  /** The user's running interview in `scope`, if the pointer names one still running. */
  async activeOf(userKey: string, scope: string): Promise<Session | undefined> {
    const a = await this.getUserRecord<ActiveInterview>(userKey, activeRecord(scope));
    if (!a) return undefined;
    const s = await this.get(a.sessionId);
    return isRunning(s) ? s : undefined;
  }

  /** Clears the pointer, only if it still names `sessionId` (a newer interview keeps its own). */
  async clearActive(userKey: string, scope: string, sessionId: string): Promise<void> {
    await this.withLock(`user:${userKey}`, async () => {
      const a = await this.getUserRecord<ActiveInterview>(userKey, activeRecord(scope));
      if (a?.sessionId === sessionId) await this.deleteUserRecord(userKey, activeRecord(scope));
    });
  }

  /** Runs `hook` whenever a user's data is forgotten (documents, surface records kept elsewhere). */
  onForget(hook: ForgetHook): void {
    this.forgetHooks.push(hook);
  }

  async history(userKey: string): Promise<HistoryEntry[]> {
    return (await this.kv.get<HistoryEntry[]>(`history:${userKey}`)) ?? [];
  }

  async recordHistory(session: Session): Promise<void> {
    await this.withLock(`user:${session.userKey}`, async () => {
      const list = await this.history(session.userKey);
      const entry: HistoryEntry = {
        sessionId: session.id,
        key: session.key,
        type: session.type,
        role: session.role,
        level: session.level,
        startedAt: session.createdAt,
        status: session.status,
        score: session.report?.overall.score ?? null,
      };
      if (session.language && session.language !== 'en') entry.language = session.language;
      if (session.report) {
        entry.finishedAt = session.report.finishedAt;
        entry.band = session.report.overall.band;
        entry.partial = session.report.partial;
        entry.competencies = session.report.competencies;
      }
      const i = list.findIndex((e) => e.sessionId === session.id);
      if (i >= 0) list[i] = entry;
      else list.push(entry);
      await this.kv.set(`history:${session.userKey}`, list.slice(-200), SESSION_TTL_MS);
    });
  }

  /** Deletes every session, place pointer, record and history line of a user. */
  async forgetUser(userKey: string): Promise<number> {
    const n = await this.withLock(`user:${userKey}`, async () => {
      const list = await this.history(userKey);
      for (const e of list) {
        await this.kv.delete(`session:${e.sessionId}`);
        const placeId = await this.kv.get<string>(`place:${e.key}`);
        if (placeId === e.sessionId) await this.kv.delete(`place:${e.key}`);
      }
      const names = (await this.kv.get<string[]>(`urecs:${userKey}`)) ?? [];
      for (const n of names) await this.kv.delete(`urec:${userKey}:${n}`);
      await this.kv.delete(`urecs:${userKey}`);
      await this.kv.delete(`history:${userKey}`);
      return list.length;
    });
    for (const hook of this.forgetHooks) await hook(userKey);
    return n;
  }

  /** Runs fn with exclusive access to `name` across this process and others sharing the store. */
  async withLock<T>(name: string, fn: () => Promise<T>, waitMs = this.lockWaitMs): Promise<T> {
    const prev = this.chains.get(name) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(() => this.withStoreLock(name, fn, waitMs));
    const tail = run.catch(() => undefined);
    this.chains.set(name, tail);
    void tail.then(() => {
      if (this.chains.get(name) === tail) this.chains.delete(name);
    });
    return run;
  }

  private async withStoreLock<T>(name: string, fn: () => Promise<T>, waitMs: number): Promise<T> {
    const deadline = Date.now() + waitMs;
    let token = await this.kv.tryLock(name, LOCK_TTL_MS);
    let delay = 5;
    let cleared = false;
    while (!token) {
      const holder = await this.kv.lockHolder(name);
      if (holder && !cleared && ownerIsGone(holder)) {
        // Once per call: the dead process's lock is removed, then the usual wait applies.
        cleared = true;
        await this.kv.unlock(name, holder);
      } else {
        if (Date.now() > deadline) throw new SessionBusyError(name);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 100);
      }
      token = await this.kv.tryLock(name, LOCK_TTL_MS);
    }
    const held = token;
    const renew = setInterval(() => void this.kv.renewLock(name, held, LOCK_TTL_MS).catch(() => undefined), LOCK_RENEW_MS);
    renew.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      // A failed unlock must not turn finished work into an error: the lock expires by itself.
      await this.kv.unlock(name, held).catch(() => undefined);
    }
  }
}
