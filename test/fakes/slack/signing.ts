// Builds and sends requests the way Slack delivers them to an app's HTTP endpoint:
// signed with the app's signing secret (v0 HMAC-SHA256), with options to forge bad ones.
import { createHmac, randomUUID } from 'node:crypto';
import * as ids from './identity.ts';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Slack's v0 scheme: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function signSlackRequest(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): SlackSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}

export interface SendOptions {
  /** `bad-signature` signs with the wrong secret, `stale-timestamp` signs correctly 6 minutes in the past, `unsigned` omits both headers. */
  forge?: 'bad-signature' | 'stale-timestamp' | 'unsigned';
  timestamp?: number;
  headers?: Record<string, string>;
}

export interface SlackHttpReply {
  status: number;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  headers: Headers;
}

const STALE_SECONDS = 6 * 60; // Bolt rejects anything older than 5 minutes

export async function sendSigned(url: string, secret: string, body: string, contentType: string, opts: SendOptions = {}): Promise<SlackHttpReply> {
  const headers: Record<string, string> = { 'content-type': contentType, ...opts.headers };
  if (opts.forge !== 'unsigned') {
    const now = Math.floor(Date.now() / 1000);
    const timestamp = opts.forge === 'stale-timestamp' ? now - STALE_SECONDS : (opts.timestamp ?? now);
    const key = opts.forge === 'bad-signature' ? `${secret}-forged` : secret;
    Object.assign(headers, signSlackRequest(key, body, timestamp));
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

export interface SlashCommandFields {
  command?: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  trigger_id?: string;
  api_app_id?: string;
  /** Where respond() will POST; use `fake.responseUrl()` so it lands at the fake. */
  response_url: string;
}

export function slashCommandForm(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.team_id ?? ids.FAKE_TEAM_ID,
    team_domain: fields.team_domain ?? ids.FAKE_TEAM_DOMAIN,
    channel_id: fields.channel_id ?? ids.FAKE_CHANNEL_ID,
    channel_name: fields.channel_name ?? ids.FAKE_CHANNEL_NAME,
    user_id: fields.user_id ?? ids.FAKE_USER_ID,
    user_name: fields.user_name ?? ids.FAKE_USER_NAME,
    command: fields.command ?? '/interview',
    text: fields.text ?? '',
    api_app_id: fields.api_app_id ?? ids.FAKE_APP_ID,
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: fields.trigger_id ?? `${Date.now()}.${randomUUID().slice(0, 8)}`,
  }).toString();
}

export function sendSlashCommand(url: string, secret: string, fields: SlashCommandFields, opts?: SendOptions): Promise<SlackHttpReply> {
  return sendSigned(url, secret, slashCommandForm(fields), 'application/x-www-form-urlencoded', opts);
}

export interface EventCallbackOptions {
  teamId?: string;
  apiAppId?: string;
  botUserId?: string;
  eventId?: string;
}

/** Wraps an event the way the Events API and Socket Mode `events_api` envelopes carry it. */
export function eventCallback(event: Record<string, unknown>, opts: EventCallbackOptions = {}): Record<string, unknown> {
  const teamId = opts.teamId ?? ids.FAKE_TEAM_ID;
  const eventTime = Math.floor(Date.now() / 1000);
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: opts.apiAppId ?? ids.FAKE_APP_ID,
    // Slack sets event_ts to the message ts for message events.
    event: { event_ts: typeof event.ts === 'string' ? event.ts : `${eventTime}.000200`, ...event },
    type: 'event_callback',
    event_id: opts.eventId ?? ids.randomSlackId('Ev'),
    event_time: eventTime,
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: opts.botUserId ?? ids.FAKE_BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-fake-${randomUUID()}`,
  };
}

export interface SendEventOptions extends SendOptions, EventCallbackOptions {
  retryNum?: number;
  retryReason?: string;
}

export function sendEvent(url: string, secret: string, event: Record<string, unknown>, opts: SendEventOptions = {}): Promise<SlackHttpReply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
  }
  return sendSigned(url, secret, JSON.stringify(eventCallback(event, opts)), 'application/json', { ...opts, headers });
}

export function sendUrlVerification(url: string, secret: string, challenge: string = randomUUID(), opts?: SendOptions): Promise<SlackHttpReply> {
  const body = JSON.stringify({ token: 'legacy-verification-token', challenge, type: 'url_verification' });
  return sendSigned(url, secret, body, 'application/json', opts);
}

/** Sends any interaction payload (block_actions, view_submission, shortcut…) as the `payload` form field. */
export function sendInteraction(url: string, secret: string, payload: Record<string, unknown>, opts?: SendOptions): Promise<SlackHttpReply> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return sendSigned(url, secret, body, 'application/x-www-form-urlencoded', opts);
}

export interface BlockActionInput {
  action_id: string;
  value?: string;
  block_id?: string;
  user_id?: string;
  channel_id?: string;
  /** ts of the message holding the button. */
  message_ts?: string;
  message_text?: string;
  thread_ts?: string;
  response_url?: string;
  team_id?: string;
}

export function blockActionsPayload(input: BlockActionInput): Record<string, unknown> {
  const teamId = input.team_id ?? ids.FAKE_TEAM_ID;
  const channelId = input.channel_id ?? ids.FAKE_CHANNEL_ID;
  const messageTs = input.message_ts ?? '1700000000.000100';
  const blockId = input.block_id ?? 'actions';
  const action = { type: 'button', action_id: input.action_id, block_id: blockId, value: input.value ?? '', text: { type: 'plain_text', text: input.action_id }, action_ts: `${Math.floor(Date.now() / 1000)}.000300` };
  return {
    type: 'block_actions',
    user: { id: input.user_id ?? ids.FAKE_USER_ID, username: ids.FAKE_USER_NAME, name: ids.FAKE_USER_NAME, team_id: teamId },
    api_app_id: ids.FAKE_APP_ID,
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false, ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}) },
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    team: { id: teamId, domain: ids.FAKE_TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: ids.FAKE_CHANNEL_NAME },
    message: {
      type: 'message', ts: messageTs, user: ids.FAKE_BOT_USER_ID, bot_id: ids.FAKE_BOT_ID, text: input.message_text ?? '',
      blocks: [{ type: 'actions', block_id: blockId, elements: [{ type: 'button', action_id: input.action_id, value: input.value ?? '' }] }],
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    },
    state: { values: {} },
    ...(input.response_url ? { response_url: input.response_url } : {}),
    actions: [action],
  };
}

export function sendBlockAction(url: string, secret: string, input: BlockActionInput, opts?: SendOptions): Promise<SlackHttpReply> {
  return sendInteraction(url, secret, blockActionsPayload(input), opts);
}
