// A stateful stand-in for slack.com on 127.0.0.1: the real @slack/web-api client, Bolt's
// receivers and Socket Mode client talk to it exactly as they would to Slack.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestHandler } from './http-routes.ts';
import * as ids from './identity.ts';
import { apiFile, fileUrl, type FakeIdentity, type MethodContext } from './method-context.ts';
import { fileMethods, registerFile, type NewFile } from './methods-files.ts';
import { messageMethods, storeMessage } from './methods-messages.ts';
import { workspaceMethods } from './methods-workspace.ts';
import { createSocketHub, type OutgoingEnvelope } from './socket-mode.ts';
import {
  SlackState,
  type EphemeralMessage,
  type FileDownload,
  type InjectedFailure,
  type PublishedView,
  type RecordedCall,
  type ResponsePost,
  type SlackUser,
  type StoredMessage,
  type ThreadStatus,
  type UploadRecord,
} from './state.ts';

export interface FakeSlackOptions extends Partial<FakeIdentity> {
  users?: SlackUser[];
  channels?: Array<{ id: string; name: string; is_private?: boolean }>;
}

export interface SeedMessage {
  channel: string;
  text: string;
  user?: string;
  thread_ts?: string;
  ts?: string;
}

export interface AddedFile {
  id: string;
  name: string;
  url_private: string;
  url_private_download: string;
  /** The object files.info returns for this file. */
  file: Record<string, unknown>;
}

export interface FakeSlack {
  readonly port: number;
  /** http://127.0.0.1:P */
  readonly baseUrl: string;
  /** http://127.0.0.1:P/api/ — pass as `clientOptions.slackApiUrl`. */
  readonly apiUrl: string;
  /** ws://127.0.0.1:P/link — what apps.connections.open hands out. */
  readonly socketUrl: string;
  readonly identity: Readonly<FakeIdentity>;
  /** A fresh response_url on the fake for a slash command or interaction. */
  responseUrl(id?: string): string;
  failNext(failure: InjectedFailure): void;
  calls(method?: string): RecordedCall[];
  /** Live messages; with thread_ts, only that thread's replies (not the parent). */
  messages(channel?: string, thread_ts?: string): StoredMessage[];
  ephemerals(channel?: string): EphemeralMessage[];
  uploads(): UploadRecord[];
  views(userId?: string): PublishedView[];
  responses(id?: string): ResponsePost[];
  statuses(): ThreadStatus[];
  downloads(): FileDownload[];
  addFile(file: NewFile): AddedFile;
  addUser(user: SlackUser): void;
  addChannel(channel: { id: string; name: string; is_private?: boolean }): void;
  /** Puts a human's message into the workspace (e.g. a thread parent the bot later reads). */
  addMessage(message: SeedMessage): StoredMessage;
  /** Resolves with the predicate's first truthy value, re-checked on every change to the fake. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
  socketSend(envelope: OutgoingEnvelope): string;
  socketDisconnect(reason?: string): void;
  socketConnections(): number;
  waitForSocket(timeoutMs?: number): Promise<void>;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

function identityFrom(opts: FakeSlackOptions): FakeIdentity {
  return {
    botToken: opts.botToken ?? ids.FAKE_BOT_TOKEN,
    appToken: opts.appToken ?? ids.FAKE_APP_TOKEN,
    botUserId: opts.botUserId ?? ids.FAKE_BOT_USER_ID,
    botId: opts.botId ?? ids.FAKE_BOT_ID,
    teamId: opts.teamId ?? ids.FAKE_TEAM_ID,
    teamName: opts.teamName ?? ids.FAKE_TEAM_NAME,
    teamDomain: opts.teamDomain ?? ids.FAKE_TEAM_DOMAIN,
    appId: opts.appId ?? ids.FAKE_APP_ID,
  };
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const identity = identityFrom(opts);
  const state = new SlackState();
  for (const user of opts.users ?? []) state.users.set(user.id, user);
  for (const c of opts.channels ?? []) state.channels.set(c.id, { id: c.id, name: c.name, is_private: c.is_private ?? false });
  const hub = createSocketHub(state, identity.appId);
  const context: Omit<MethodContext, 'token'> = { state, identity, baseUrl: '', socketUrl: '' };
  const server: Server = createServer(
    createRequestHandler({ state, context, methods: { ...workspaceMethods, ...messageMethods, ...fileMethods } }),
  );
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === '/link') hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  context.baseUrl = baseUrl;
  context.socketUrl = `ws://127.0.0.1:${port}/link`;
  const cancelWaiters = new Set<(error: Error) => void>();

  const waitFor = <T>(predicate: () => T | undefined | null | false, timeoutMs = 2000, what = 'condition'): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const first = predicate();
      if (first) return resolve(first);
      const finish = (): void => {
        clearTimeout(timer);
        unsubscribe();
        cancelWaiters.delete(cancel);
      };
      const cancel = (error: Error): void => {
        finish();
        reject(error);
      };
      const timer = setTimeout(() => cancel(new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      const unsubscribe = state.onChange(() => {
        const value = predicate();
        if (value) {
          finish();
          resolve(value);
        }
      });
      cancelWaiters.add(cancel);
    });

  return {
    port,
    baseUrl,
    apiUrl: `${baseUrl}/api/`,
    socketUrl: context.socketUrl,
    identity,
    responseUrl: (id = randomUUID()) => `${baseUrl}/response/${id}`,
    failNext: (failure) => void state.failures.push(failure),
    calls: (method) => state.calls.filter((c) => method === undefined || c.method === method),
    messages: (channel, threadTs) =>
      state.messages.filter(
        (m) =>
          !m.deleted &&
          (channel === undefined || m.channel === channel) &&
          (threadTs === undefined || (m.thread_ts === threadTs && m.ts !== threadTs)),
      ),
    ephemerals: (channel) => state.ephemerals.filter((e) => channel === undefined || e.channel === channel),
    uploads: () => [...state.uploads.values()],
    views: (userId) => state.views.filter((v) => userId === undefined || v.user_id === userId),
    responses: (id) => state.responses.filter((r) => id === undefined || r.id === id),
    statuses: () => [...state.statuses],
    downloads: () => [...state.downloads],
    addFile(input) {
      const file = registerFile(context, input);
      const json = apiFile(context, file);
      return { id: file.id, name: file.name, url_private: fileUrl(context, file), url_private_download: String(json.url_private_download), file: json };
    },
    addUser: (user) => void state.users.set(user.id, user),
    addChannel: (c) => void state.channels.set(c.id, { id: c.id, name: c.name, is_private: c.is_private ?? false }),
    addMessage(seed) {
      const message: StoredMessage = {
        type: 'message',
        channel: seed.channel,
        ts: seed.ts ?? state.nextTs(),
        text: seed.text,
        user: seed.user ?? ids.FAKE_USER_ID,
        team: identity.teamId,
        reactions: [],
        deleted: false,
        ...(seed.thread_ts ? { thread_ts: seed.thread_ts } : {}),
      };
      storeMessage({ ...context, token: undefined }, message);
      state.changed();
      return message;
    },
    waitFor,
    socketSend: (envelope) => hub.send(envelope),
    socketDisconnect: (reason) => hub.disconnect(reason),
    socketConnections: () => hub.connectionCount(),
    waitForSocket: (timeoutMs = 5000) =>
      waitFor(() => hub.connectionCount() > 0, timeoutMs, 'a Socket Mode connection').then(() => undefined),
    waitForAck: (envelopeId, timeoutMs = 5000) =>
      waitFor(() => state.acks.find((a) => a.envelope_id === envelopeId), timeoutMs, `ack of ${envelopeId}`).then((a) => a.payload),
    async close() {
      for (const cancel of [...cancelWaiters]) cancel(new Error('fake Slack closed'));
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
