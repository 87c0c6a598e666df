// Reads a Slack message event into the few fields the interview needs, and drops everything
// that is not a person writing: bot posts, edits, deletions, joins and other subtypes.
import type { Incoming } from '../../interview/incoming.ts';
import { mentions } from '../../slack-text.ts';

/** Subtypes that are still a person's new message. */
const HUMAN_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export interface RawMessageEvent {
  type?: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  files?: { id?: string; name?: string }[];
}

export interface EventContext {
  teamId: string | undefined;
  botUserId: string | undefined;
  retryNum: number | undefined;
}

export function toIncoming(e: RawMessageEvent, ctx: EventContext): Incoming | undefined {
  if (!HUMAN_SUBTYPES.has(e.subtype)) return undefined;
  if (e.bot_id || !e.user || !e.channel || !e.ts || !ctx.teamId) return undefined;
  if (ctx.botUserId && e.user === ctx.botUserId) return undefined;
  const text = e.text ?? '';
  return {
    team: ctx.teamId,
    channel: e.channel,
    isDirect: e.channel_type === 'im' || e.channel.startsWith('D'),
    userId: e.user,
    text,
    ts: e.ts,
    ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
    files: (e.files ?? [])
      .filter((f): f is { id: string; name?: string; mimetype?: string; subtype?: string } => typeof f.id === 'string')
      .map((f) => ({ id: f.id, ...(f.name ? { name: f.name } : {}), ...(f.mimetype ? { mimetype: f.mimetype } : {}), ...(f.subtype ? { subtype: f.subtype } : {}) })),
    mentionsBot: mentions(text, ctx.botUserId),
    ...(ctx.botUserId ? { botUserId: ctx.botUserId } : {}),
    ...(ctx.retryNum !== undefined ? { retryNum: ctx.retryNum } : {}),
  };
}

/** The workspace the app is installed in (also for users from other orgs in shared channels). */
export function teamOf(context: { teamId?: string }, body: unknown): string | undefined {
  const b = body as { team_id?: string; team?: { id?: string } } | undefined;
  return context.teamId ?? b?.team_id ?? b?.team?.id;
}
