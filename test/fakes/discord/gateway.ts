// The gateway half of the fake: hello, heartbeat ACKs, IDENTIFY -> READY + GUILD_CREATE, RESUME with replay
// of missed dispatches, and intent-filtered dispatches with per-session sequence numbers.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { PRIVILEGED_INTENTS, applyMessageContentIntent, intentAllows } from './intents.ts';
import { guildCreatePayload, userPayload } from './payloads.ts';
import type { DiscordState } from './state.ts';
import type { GatewayLogEntry } from './types.ts';

interface SentDispatch {
  s: number;
  t: string;
  d: unknown;
}

export interface GatewaySession {
  id: string;
  seq: number;
  intents: number;
  ws: WebSocket | null;
  /** Dispatches kept so a RESUME can replay what the client missed. */
  sent: SentDispatch[];
  identify: Record<string, unknown>;
}

interface Connection {
  ws: WebSocket;
  session: GatewaySession | null;
}

export interface GatewayOptions {
  token: string | undefined;
  heartbeatIntervalMs: number;
  disallowedIntents: number;
  /** Ops the fake gives meaning to beyond the handshake: 3 presence, 4 voice state, 8 request members. */
  onOp: (op: number, d: Record<string, unknown>, session: GatewaySession) => void;
}

const REPLAY_LIMIT = 1000;

export class FakeGateway {
  readonly log: GatewayLogEntry[] = [];
  readonly sessions = new Map<string, GatewaySession>();
  /** Emits 'ready' (session) once READY and every GUILD_CREATE went out, and 'resumed' (session). */
  readonly events = new EventEmitter();
  readonly #wss: WebSocketServer;
  readonly #connections = new Set<Connection>();
  readonly #state: DiscordState;
  readonly #opts: GatewayOptions;
  #url = '';

  constructor(server: Server, state: DiscordState, opts: GatewayOptions) {
    this.#state = state;
    this.#opts = opts;
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (ws) => this.#accept(ws));
  }

  setUrl(url: string): void {
    this.#url = url;
  }

  /** Sends an event to every live or resumable session; returns how many were connected to get it now. */
  dispatch(t: string, d: unknown): number {
    let delivered = 0;
    for (const session of this.sessions.values()) {
      if (this.#dispatchTo(session, t, d)) delivered++;
    }
    return delivered;
  }

  /** Drops every connection with a resumable close code; clients resume and get what they missed. */
  disconnect(code = 4000): void {
    for (const conn of this.#connections) conn.ws.close(code, 'fake discord disconnect');
  }

  /** Op 7: Discord asks clients to reconnect and resume (as during its deploys). */
  requestReconnect(): void {
    for (const conn of this.#connections) this.#send(conn, { op: 7, d: null });
  }

  /** Op 9 with d=false: the sessions are gone and clients must IDENTIFY again. */
  invalidateSessions(): void {
    for (const conn of this.#connections) {
      if (conn.session) this.sessions.delete(conn.session.id);
      conn.session = null;
      this.#send(conn, { op: 9, d: false });
    }
  }

  connectedSessions(): GatewaySession[] {
    return [...this.sessions.values()].filter((s) => s.ws?.readyState === WebSocket.OPEN);
  }

  async close(): Promise<void> {
    for (const conn of this.#connections) conn.ws.terminate();
    this.#connections.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(ws: WebSocket): void {
    const conn: Connection = { ws, session: null };
    this.#connections.add(conn);
    ws.on('message', (raw) => this.#onMessage(conn, raw.toString()));
    ws.on('close', (code) => {
      this.#connections.delete(conn);
      const session = conn.session;
      if (!session || session.ws !== ws) return;
      session.ws = null;
      // A clean close (client.destroy()) ends the session on Discord too; anything else stays resumable.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
    ws.on('error', () => undefined);
    this.#send(conn, { op: 10, d: { heartbeat_interval: this.#opts.heartbeatIntervalMs } });
  }

  #onMessage(conn: Connection, raw: string): void {
    let payload: { op: number; d: unknown };
    try {
      payload = JSON.parse(raw) as { op: number; d: unknown };
    } catch {
      conn.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    this.log.push({ at: Date.now(), direction: 'in', sessionId: conn.session?.id ?? null, op: payload.op, d: payload.d });
    const d = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case 1:
        this.#send(conn, { op: 11 });
        return;
      case 2:
        this.#identify(conn, d);
        return;
      case 6:
        this.#resume(conn, d);
        return;
      case 3:
      case 4:
      case 8:
        if (!conn.session) {
          conn.ws.close(4003, 'Not authenticated.');
          return;
        }
        this.#opts.onOp(payload.op, d, conn.session);
        return;
      default:
        conn.ws.close(4001, 'Unknown opcode.');
    }
  }

  #identify(conn: Connection, d: Record<string, unknown>): void {
    if (conn.session) {
      conn.ws.close(4005, 'Already authenticated.');
      return;
    }
    if (!this.#tokenOk(d['token'])) {
      conn.ws.close(4004, 'Authentication failed.');
      return;
    }
    const intents = Number(d['intents'] ?? 0);
    if (intents & this.#opts.disallowedIntents & PRIVILEGED_INTENTS) {
      conn.ws.close(4014, 'Disallowed intent(s).');
      return;
    }
    const session: GatewaySession = { id: randomBytes(16).toString('hex'), seq: 0, intents, ws: conn.ws, sent: [], identify: d };
    conn.session = session;
    this.sessions.set(session.id, session);
    const state = this.#state;
    this.#dispatchTo(session, 'READY', {
      v: 10,
      user: { ...userPayload(state, state.botId), verified: true, mfa_enabled: false, email: null },
      guilds: [...state.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.#url,
      shard: d['shard'] ?? [0, 1],
      application: { id: state.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
      _trace: ['fake-discord'],
    });
    for (const guild of state.guilds.values()) {
      this.#dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(state, guild, intents));
    }
    this.events.emit('ready', session);
  }

  #resume(conn: Connection, d: Record<string, unknown>): void {
    const session = this.sessions.get(String(d['session_id']));
    if (!session || !this.#tokenOk(d['token'])) {
      this.#send(conn, { op: 9, d: false });
      return;
    }
    session.ws?.close(4000, 'Resumed elsewhere.');
    session.ws = conn.ws;
    conn.session = session;
    const seq = Number(d['seq'] ?? 0);
    if (session.sent.length > 0 && (session.sent[0]?.s ?? 0) > seq + 1) {
      // Missed more than we kept: Discord would refuse the resume as well.
      this.sessions.delete(session.id);
      conn.session = null;
      this.#send(conn, { op: 9, d: false });
      return;
    }
    for (const e of session.sent) {
      if (e.s > seq) this.#send(conn, { op: 0, s: e.s, t: e.t, d: e.d });
    }
    this.#dispatchTo(session, 'RESUMED', {});
    this.events.emit('resumed', session);
  }

  #tokenOk(token: unknown): boolean {
    const expected = this.#opts.token;
    return expected === undefined ? typeof token === 'string' && token.length > 0 : token === expected;
  }

  #dispatchTo(session: GatewaySession, t: string, d: unknown): boolean {
    if (!intentAllows(session.intents, t)) return false;
    const data = applyMessageContentIntent(session.intents, t, d as Record<string, unknown>, this.#state.botId);
    const s = ++session.seq;
    session.sent.push({ s, t, d: data });
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    const ws = session.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    this.#sendRaw(ws, session.id, { op: 0, s, t, d: data });
    return true;
  }

  #send(conn: Connection, payload: { op: number; d?: unknown; s?: number; t?: string }): void {
    this.#sendRaw(conn.ws, conn.session?.id ?? null, payload);
  }

  #sendRaw(ws: WebSocket, sessionId: string | null, payload: { op: number; d?: unknown; s?: number; t?: string }): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    this.log.push({ at: Date.now(), direction: 'out', sessionId, op: payload.op, t: payload.t ?? null, s: payload.s ?? null, d: payload.d });
    ws.send(JSON.stringify(payload));
  }
}
