// Starting an interview: a thread to run it in (our parent message for slash commands, the
// person's own message for mentions and DMs), then the engine's greeting and first question.
// A customized interview first waits in its thread for a resume or job description.
import type { WebClient } from '@slack/web-api';
import { parseRole, SPECS } from '../../../engine/interview-types.ts';
import type { InterviewType, Level } from '../../../engine/types.ts';
import type { SlackDeps } from '../deps.ts';
import { scopeOf, sessionKey, userKey } from '../keys.ts';
import { slackErrorCode } from '../error-code.ts';
import { escapeSlack } from '../slack-text.ts';
import { ANSWER_HINT, type SlackMessage } from '../views/interview-message.ts';
import { interviewTitle, parentMessage } from '../views/parent-message.ts';
import { activeInterviewOf } from './active.ts';
import { ingestFiles, NO_DOCUMENTS, SUPPORTED_EXTENSIONS, type SharedFile } from './files.ts';
import { dropPending, savePending, withPending, type PendingInterview } from './pending.ts';
import { postReply } from './post-reply.ts';
import { surfaceOf, type ThreadTarget } from './target.ts';

export interface StartRequest {
  team: string;
  channel: string;
  userId: string;
  type: InterviewType;
  role?: string;
  level?: Level;
  /** Run in this existing thread (mention, DM); without it a parent message is posted. */
  threadTs?: string;
  /** Files attached to the message that asked for the interview. */
  files?: SharedFile[];
  /** A private answer to the person who asked (errors, "already running"). */
  reply(message: string | SlackMessage): Promise<void>;
}

const CANT_POST = 'I cannot post in this channel. Invite me first (`/invite @me`), or send me a direct message.';

/** Posts our parent message, joining a public channel once if Slack says we are not in it. */
async function postParent(client: WebClient, channel: string, m: SlackMessage): Promise<string> {
  const post = async () => (await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks as never })).ts!;
  try {
    return await post();
  } catch (err) {
    if (slackErrorCode(err) === 'not_in_channel' && channel.startsWith('C')) {
      await client.conversations.join({ channel });
      return post();
    }
    throw err;
  }
}

export async function startInterview(deps: SlackDeps, client: WebClient, r: StartRequest): Promise<void> {
  const uk = userKey(r.team, r.userId);
  const active = await activeInterviewOf(deps, r.team, r.userId);
  if (active) {
    const where = active.kind === 'session' ? (active.session.surface?.channel as string | undefined) : active.pending.channel;
    await r.reply(`You already have an interview running${where ? ` in <#${where}>` : ''}. Finish it, or type \`/interview end\` to stop it, then start a new one.`);
    return;
  }
  const [name, language] = await Promise.all([deps.displayName(client, r.userId), deps.userLanguage?.(client, r.userId)]);
  const title = interviewTitle(name, r.type, SPECS[r.type].questions, parseRole(r.role).role);
  const waits = r.type === 'customize' && deps.conversation.documents !== null;
  let threadTs = r.threadTs;
  let parentTs: string | undefined;
  if (!threadTs) {
    try {
      parentTs = await postParent(client, r.channel, parentMessage(title, { kind: waits ? 'waiting-for-documents' : 'running' }));
      threadTs = parentTs;
    } catch (err) {
      const code = slackErrorCode(err);
      if (code === 'not_in_channel' || code === 'channel_not_found' || code === 'is_archived') return r.reply(CANT_POST);
      throw err;
    }
  }
  const target: ThreadTarget = { team: r.team, channel: r.channel, threadTs, userId: r.userId, ...(parentTs ? { parentTs } : {}) };
  const pending: PendingInterview = {
    key: sessionKey(r.team, r.channel, threadTs),
    team: r.team,
    channel: r.channel,
    threadTs,
    ...(parentTs ? { parentTs } : {}),
    title,
    userId: r.userId,
    userKey: uk,
    ...(name ? { userName: name } : {}),
    type: r.type,
    ...(r.role ? { role: r.role } : {}),
    ...(r.level ? { level: r.level } : {}),
    ...(language ? { language } : {}),
    documentIds: [],
    documentNames: [],
  };
  if (!waits) return beginInterview(deps, client, pending, target, r.reply);

  await savePending(deps, pending);
  const files = r.files ?? [];
  if (files.length && (await ingestFiles(deps, client, pending, files)) > 0) {
    // The documents came with the request: nothing to wait for.
    const ready = await withPending(deps, pending.key, async (p) => p);
    if (ready) return beginInterview(deps, client, ready, target, r.reply);
    return;
  }
  const intro = parentTs ? '' : `*${escapeSlack(title)}*\n`;
  await client.chat.postMessage({
    channel: r.channel,
    thread_ts: threadTs,
    text: `${intro}Share your resume or the job description in this thread (${SUPPORTED_EXTENSIONS.slice(0, 4).join(', ').toUpperCase()}), then reply *start*. Reply *start* now to use questions for your role instead.`,
  });
}

/** Starts the engine session in the thread and posts the greeting and first question. */
export async function beginInterview(deps: SlackDeps, client: WebClient, p: PendingInterview, target: ThreadTarget, reply: (m: string) => Promise<void>): Promise<void> {
  await dropPending(deps, p);
  const started = await deps.conversation.start({
    scope: scopeOf(p.team),
    key: p.key,
    userKey: p.userKey,
    ...(p.userName ? { userName: p.userName } : {}),
    type: p.type,
    ...(p.role ? { role: p.role } : {}),
    ...(p.level ? { level: p.level } : {}),
    ...(p.language ? { language: p.language } : {}),
    surface: surfaceOf(target),
    documentIds: p.documentIds,
  });
  if (!started.ok) {
    if (p.parentTs) {
      const m = parentMessage(p.title, { kind: 'failed', message: started.message });
      await client.chat.update({ channel: p.channel, ts: p.parentTs, text: m.text, blocks: m.blocks as never }).catch(() => undefined);
    }
    await reply(started.message);
    return;
  }
  const first = started.reply;
  const total = first.progress.total;
  if (p.parentTs) {
    // The plan may differ from the usual count (a customized plan, a short bank): say the real one.
    const m = parentMessage(interviewTitle(p.userName, p.type, total, parseRole(p.role).role), { kind: 'running' });
    await client.chat.update({ channel: p.channel, ts: p.parentTs, text: m.text, blocks: m.blocks as never }).catch((err: unknown) => deps.log.debug({ err }, 'could not update the parent message'));
  }
  const opts = {
    hint: ANSWER_HINT,
    ...(p.type === 'customize' && !deps.conversation.documents ? { notes: [NO_DOCUMENTS] } : {}),
    ...(p.parentTs ? {} : { title: interviewTitle(p.userName, p.type, total, parseRole(p.role).role) }),
  };
  await postReply(deps, client, first, target, undefined, opts);
  deps.log.info({ sessionId: first.sessionId, type: p.type, documents: p.documentIds.length }, 'slack interview started');
}
