// A fake Discord on 127.0.0.1 that the real discord.js Client talks to: REST under /api/v10 and a JSON
// gateway on the same port. Tests drive users through the helpers and inspect what the bot did.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIMessage, APIUser } from 'discord.js';
import { FailureQueue } from './failures.ts';
import { FakeGateway } from './gateway.ts';
import { handleGatewayOp, type VoiceStateRequest } from './gateway-ops.ts';
import { RestRecorder } from './http.ts';
import type { FakeCore } from './messages.ts';
import * as admin from './admin-actions.ts';
import { channelPayload } from './payloads.ts';
import type { PermissionName } from './permissions.ts';
import { registerChannelRoutes } from './rest-channels.ts';
import { registerInteractionRoutes } from './rest-interactions.ts';
import { registerMiscRoutes } from './rest-misc.ts';
import { registerThreadRoutes } from './rest-threads.ts';
import { Router } from './router.ts';
import { DiscordState, type InteractionRecord } from './state.ts';
import type { FailureSpec, FakeDiscordOptions, GatewayLogEntry, InteractionInfo, RecordedRequest } from './types.ts';
import {
  clickComponent, findChannel, slashCommand, submitModal, userMessage,
  type ComponentInput, type ModalSubmitInput, type SlashCommandInput, type UserMessageInput,
} from './user-actions.ts';

export type { VoiceStateRequest };

type Obj = Record<string, unknown>;

export class FakeDiscord {
  readonly state: DiscordState;
  readonly voiceStateUpdates: VoiceStateRequest[] = [];
  restUrl = '';
  gatewayUrl = '';
  baseUrl = '';
  readonly #server: Server;
  readonly #gateway: FakeGateway;
  readonly #recorder: RestRecorder;
  readonly #failures = new FailureQueue();
  readonly #core: FakeCore;
  readonly #voiceListeners = new Set<(req: VoiceStateRequest) => void>();

  constructor(opts: FakeDiscordOptions = {}) {
    this.state = new DiscordState(opts);
    const router = new Router();
    this.#recorder = new RestRecorder({
      state: this.state, router, failures: this.#failures, token: opts.token, maxFileBytes: opts.maxFileBytes ?? 10 * 1024 * 1024, logger: opts.logger,
    });
    this.#server = createServer(this.#recorder.handle);
    this.#gateway = new FakeGateway(this.#server, this.state, {
      token: opts.token,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
      disallowedIntents: opts.disallowedIntents ?? 0,
      onOp: (op, d, session) => handleGatewayOp(this.#core, op, d, session, (request) => {
        this.voiceStateUpdates.push(request);
        for (const listener of this.#voiceListeners) listener(request);
      }),
    });
    this.#core = { state: this.state, gateway: this.#gateway, interactionAckDeadlineMs: opts.interactionAckDeadlineMs ?? 3000 };
    registerMiscRoutes(router, this.#core, () => this.gatewayUrl);
    registerChannelRoutes(router, this.#core);
    registerThreadRoutes(router, this.#core);
    registerInteractionRoutes(router, this.#core);
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.#server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.restUrl = `${this.baseUrl}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.state.baseUrl = this.baseUrl;
    this.#gateway.setUrl(this.gatewayUrl);
  }

  get botId(): string {
    return this.state.botId;
  }

  get applicationId(): string {
    return this.state.applicationId;
  }

  get requests(): readonly RecordedRequest[] {
    return this.#recorder.requests;
  }

  get gatewayLog(): readonly GatewayLogEntry[] {
    return this.#gateway.log;
  }

  /** Requests no route knew: a bot calling something the fake (and maybe Discord) does not have. */
  unmatchedRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.route === null);
  }

  guild(nameOrId?: string): { id: string; name: string } {
    const guild = nameOrId ? this.state.guilds.get(nameOrId) ?? [...this.state.guilds.values()].find((g) => g.name === nameOrId) : this.state.firstGuild();
    if (!guild) throw new Error(`fake discord: unknown guild ${nameOrId}`);
    return { id: guild.id, name: guild.name };
  }

  /** A channel or thread by id or name, as Discord would return it from GET /channels/{id}. */
  channel(nameOrId: string): Obj & { id: string; name: string; type: number } {
    return channelPayload(this.state, findChannel(this.#core, nameOrId)) as Obj & { id: string; name: string; type: number };
  }

  user(nameOrId: string): APIUser {
    return { ...this.state.resolveUser(nameOrId) };
  }

  threads(parentId?: string): Obj[] {
    return [...this.state.channels.values()]
      .filter((c) => this.state.isThread(c) && (!parentId || c.parent_id === parentId))
      .map((c) => channelPayload(this.state, c));
  }

  threadMemberIds(threadId: string): string[] {
    return [...(findChannel(this.#core, threadId).threadMembers?.keys() ?? [])];
  }

  message(id: string): APIMessage | undefined {
    const m = this.state.messageIndex.get(id);
    return m ? structuredClone(m) : undefined;
  }

  /** Messages in a channel or thread, oldest first, ephemeral ones included (check flags & 64). */
  messagesIn(channelId: string): APIMessage[] {
    return (this.state.messages.get(findChannel(this.#core, channelId).id) ?? []).map((m) => structuredClone(m));
  }

  interaction(token: string): Readonly<InteractionRecord> | undefined {
    return this.state.interactions.get(token);
  }

  /** Callback and webhook requests made for one interaction, in order. */
  interactionResponses(token: string): RecordedRequest[] {
    return this.requests.filter((r) => r.interactionToken === token);
  }

  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs = 2000): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.find(predicate), timeoutMs, 'a matching request');
  }

  waitForMessage(channelId: string, predicate: (m: APIMessage) => boolean = () => true, timeoutMs = 2000): Promise<APIMessage> {
    return this.waitUntil(() => this.messagesIn(channelId).find(predicate), timeoutMs, `a message in ${channelId}`);
  }

  /** Re-checks `probe` after every REST request (the only way the bot changes anything) until it is truthy. */
  waitUntil<T>(probe: () => T | undefined | null | false, timeoutMs = 2000, what = 'condition'): Promise<T> {
    const first = probe();
    if (first) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const onRequest = () => {
        const value = probe();
        if (!value) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const recent = this.requests.slice(-10).map((r) => `${r.method} ${r.path} -> ${r.status}`).join('\n  ');
        reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}; last requests:\n  ${recent || '(none)'}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#recorder.events.off('request', onRequest);
      };
      this.#recorder.events.on('request', onRequest);
    });
  }

  /** Resolves once a client has identified and received READY and every GUILD_CREATE (or resumed). */
  waitForSession(timeoutMs = 5000): Promise<void> {
    if (this.#gateway.connectedSessions().length > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.#gateway.events.off('ready', done);
        this.#gateway.events.off('resumed', done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#gateway.events.off('ready', done);
        this.#gateway.events.off('resumed', done);
        reject(new Error(`fake discord: no gateway session within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#gateway.events.on('ready', done);
      this.#gateway.events.on('resumed', done);
    });
  }

  failNext(spec: FailureSpec): void {
    this.#failures.add(spec);
  }

  rateLimitNext(spec: Omit<FailureSpec, 'status'> = {}): void {
    this.#failures.add({ ...spec, status: 429 });
  }

  clearFailures(): void {
    this.#failures.clear();
  }

  slashCommand(input: SlashCommandInput): InteractionInfo {
    return slashCommand(this.#core, input);
  }

  clickButton(input: Omit<ComponentInput, 'values'>): InteractionInfo {
    return clickComponent(this.#core, input);
  }

  selectMenu(input: ComponentInput & { values: string[] }): InteractionInfo {
    return clickComponent(this.#core, input);
  }

  submitModal(input: ModalSubmitInput): InteractionInfo {
    return submitModal(this.#core, input);
  }

  userMessage(input: UserMessageInput): APIMessage {
    return userMessage(this.#core, input);
  }

  /** Someone (a moderator) deletes a thread: THREAD_DELETE, and its messages are gone. */
  deleteThread(threadId: string): void {
    admin.deleteThread(this.#core, threadId);
  }

  /** Discord (auto-archive) or a moderator archives a thread: THREAD_UPDATE with archived=true. */
  archiveThread(threadId: string, opts: { locked?: boolean } = {}): void {
    admin.archiveThread(this.#core, threadId, opts);
  }

  /**
   * Sets a channel permission overwrite for the bot, @everyone or a user, and sends CHANNEL_UPDATE so the
   * client's cache agrees. Interactions in the channel (and its threads) then carry the reduced
   * app_permissions / member.permissions, and REST enforces them.
   */
  setChannelOverwrite(input: admin.OverwriteInput): void {
    admin.setChannelOverwrite(this.#core, input);
  }

  /** Replaces the permissions of the bot's managed role (GUILD_ROLE_UPDATE). */
  setBotPermissions(permissions: PermissionName[] | bigint, guildId?: string): void {
    admin.setBotPermissions(this.#core, permissions, guildId);
  }

  /** A user joins (channelId) or leaves (null) a voice channel. */
  userVoiceState(input: admin.UserVoiceInput): void {
    admin.userVoiceState(this.#core, input);
  }

  /** Called after each op 4 from the bot, once VOICE_STATE_UPDATE went out; the voice fake answers here. */
  onVoiceStateUpdate(listener: (req: VoiceStateRequest) => void): () => void {
    this.#voiceListeners.add(listener);
    return () => this.#voiceListeners.delete(listener);
  }

  /** Sends any dispatch event to connected (and resumable) sessions; returns how many got it now. */
  dispatch(event: string, data: unknown): number {
    return this.#gateway.dispatch(event, data);
  }

  /** Drops gateway connections with a resumable code; the client should RESUME and get missed events. */
  disconnectGateway(code = 4000): void {
    this.#gateway.disconnect(code);
  }

  requestReconnect(): void {
    this.#gateway.requestReconnect();
  }

  invalidateSessions(): void {
    this.#gateway.invalidateSessions();
  }

  gatewaySessionCount(): number {
    return this.#gateway.connectedSessions().length;
  }

  async close(): Promise<void> {
    this.#voiceListeners.clear();
    this.#recorder.events.removeAllListeners();
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(opts);
  await fake.listen();
  return fake;
}
