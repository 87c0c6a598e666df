// Every human message the app sees (thread replies, mentions, DMs) comes through here, from
// both the `message` and `app_mention` listeners: Slack delivers a mention in a channel the
// app is in as both, so work is claimed per message (channel + ts), which also makes Slack's
// retries of the same event a no-op.
import type { WebClient } from '@slack/web-api';
import { parseRequest } from '../command-text.ts';
import type { SlackDeps } from '../deps.ts';
import { sessionKey } from '../keys.ts';
import { tellUser } from '../notify.ts';
import { userSafeMessage } from '../../../chat/safe-text.ts';
import { plainFromSlack } from '../slack-text.ts';
import { isRunning } from '../../../chat/conversation.ts';
import { activeInterviewOf } from './active.ts';
import { looksLikeAudio, transcribeClip, transcriptLine } from './audio-answer.ts';
import { ingestFiles, NO_DOCUMENTS, type SharedFile } from './files.ts';
import { dropPending, getPending, type PendingInterview, withPending } from './pending.ts';
import { handleRequest } from './requests.ts';
import { beginInterview } from './start.ts';
import { targetOf } from './target.ts';
import { runTurn } from './turn.ts';
import type { Session } from '../../../engine/types.ts';

export interface Incoming {
  team: string;
  channel: string;
  isDirect: boolean;
  userId: string;
  /** Raw Slack text (mentions as <@U…>). */
  text: string;
  ts: string;
  threadTs?: string;
  files: SharedFile[];
  mentionsBot: boolean;
  botUserId?: string;
  retryNum?: number;
}

const NOTE_TTL_MS = 30 * 24 * 3600_000;
const START_WORDS = /^(start|go|begin|ready|let'?s go|start (the )?interview)[.!]*$/i;
const CANCEL_WORDS = /^(cancel|end|stop|quit)[.!]*$/i;

export async function handleIncoming(deps: SlackDeps, client: WebClient, m: Incoming): Promise<void> {
  if (m.threadTs && m.threadTs !== m.ts) {
    const key = sessionKey(m.team, m.channel, m.threadTs);
    const session = await deps.conversation.sessionAt(key);
    if (isRunning(session)) return inInterview(deps, client, m, session);
    const pending = await getPending(deps, key);
    if (pending) return inPending(deps, client, m, pending);
  }
  if (!m.isDirect && !m.mentionsBot) return;
  const claim = await deps.conversation.claimOnce(`slack:msg:${m.team}:${m.channel}:${m.ts}`);
  if (!claim) return skipped(deps, m);
  const text = plainFromSlack(m.text, m.botUserId);
  const reply = (msg: Parameters<typeof tellUser>[2]) => tellUser(client, { channel: m.channel, user: m.userId, ...(m.threadTs ? { threadTs: m.threadTs } : {}) }, msg);
  let req;
  try {
    req = parseRequest(text);
  } catch (err) {
    const safe = userSafeMessage(err);
    if (!safe) throw err;
    // Most likely an answer typed outside the interview's thread: point there instead.
    const active = await activeInterviewOf(deps, m.team, m.userId);
    if (active?.kind === 'session' && active.session.surface?.channel === m.channel) {
      return reply('Your interview runs in its thread: reply there to answer, or type `end` to stop it.');
    }
    return reply(`${safe} Type \`help\` to see what I can do.`);
  }
  await handleRequest(deps, client, { team: m.team, channel: m.channel, userId: m.userId, threadTs: m.threadTs ?? m.ts, files: m.files, reply }, req);
}

function skipped(deps: SlackDeps, m: Incoming): void {
  deps.log.debug({ channel: m.channel, ts: m.ts, retryNum: m.retryNum }, 'message already handled (retry or duplicate delivery)');
}

/** Tells someone other than the candidate, once per interview, that their replies are not recorded. */
async function noteBystander(deps: SlackDeps, client: WebClient, m: Incoming, scope: string, candidateId: string): Promise<void> {
  if (!(await deps.conversation.firstTime(`slack:noted:${scope}:${m.userId}`, NOTE_TTL_MS))) return;
  await tellUser(client, { channel: m.channel, user: m.userId, threadTs: m.threadTs! }, `This is <@${candidateId}>'s practice interview, so only their replies are recorded. Start your own with \`/interview\`.`);
}

async function inInterview(deps: SlackDeps, client: WebClient, m: Incoming, session: Session): Promise<void> {
  const target = targetOf(session);
  if (!target) return;
  if (m.userId !== target.userId) return noteBystander(deps, client, m, session.id, target.userId);
  const claim = await deps.conversation.claimOnce(`slack:msg:${m.team}:${m.channel}:${m.ts}`);
  if (!claim) return skipped(deps, m);
  const tell = (msg: string) => tellUser(client, { channel: m.channel, user: m.userId, threadTs: target.threadTs }, msg);
  let text = plainFromSlack(m.text, m.botUserId);
  const clip = m.files.find((f) => looksLikeAudio(f));
  if (clip && !text) {
    const heard = await transcribeClip(deps, client, clip, tell, session.language);
    if (!heard) return;
    text = heard;
    await client.chat.postMessage({ channel: m.channel, thread_ts: target.threadTs, text: transcriptLine(heard) });
  } else if (m.files.length) {
    await tell('This interview already has its questions, so the file was not used. To practise on a document, start `/interview customize` and share it in that thread.');
  }
  if (!text && m.files.length) return;
  const outcome = await runTurn(deps, client, session.id, target, { kind: 'answer', text });
  // Nothing was recorded: let a retry of this event try again.
  if (!outcome.recorded) await claim.release();
}

async function inPending(deps: SlackDeps, client: WebClient, m: Incoming, p: PendingInterview): Promise<void> {
  if (m.userId !== p.userId) return noteBystander(deps, client, m, p.key, p.userId);
  const claim = await deps.conversation.claimOnce(`slack:msg:${m.team}:${m.channel}:${m.ts}`);
  if (!claim) return skipped(deps, m);
  const say = (text: string) => client.chat.postMessage({ channel: p.channel, thread_ts: p.threadTs, text });
  if (m.files.length) {
    if (!deps.conversation.documents) await say(NO_DOCUMENTS + ' Reply *start* to begin.');
    else await ingestFiles(deps, client, p, m.files);
  }
  const text = plainFromSlack(m.text, m.botUserId);
  const target = { team: p.team, channel: p.channel, threadTs: p.threadTs, userId: p.userId, ...(p.parentTs ? { parentTs: p.parentTs } : {}) };
  const tell = (msg: string) => tellUser(client, { channel: p.channel, user: p.userId, threadTs: p.threadTs }, msg);
  if (START_WORDS.test(text)) {
    // Take the record under its lock so two quick "start"s begin one interview.
    const ready = await withPending(deps, p.key, async (cur) => {
      if (cur) await dropPending(deps, cur);
      return cur;
    });
    if (ready) await beginInterview(deps, client, ready, target, tell);
    return;
  }
  if (CANCEL_WORDS.test(text)) {
    return handleRequest(deps, client, { team: m.team, channel: m.channel, userId: m.userId, reply: tell }, { kind: 'end' });
  }
  if (text && !m.files.length) await tell('Share your resume or a job description here (PDF, DOCX, TXT or MD), or reply *start* to begin.');
}
