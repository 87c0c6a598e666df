// Where an interview lives on Slack, kept in the session's `surface` record at start.
import type { Session } from '../../../engine/types.ts';
import { parseSessionKey, userIdOf } from '../keys.ts';

export interface ThreadTarget {
  team: string;
  channel: string;
  threadTs: string;
  /** The candidate: the only person whose replies and button presses count. */
  userId: string;
  /** Our channel message the thread hangs from (slash command starts), to update at the end. */
  parentTs?: string;
}

export function surfaceOf(t: ThreadTarget): Record<string, string> {
  return { team: t.team, channel: t.channel, threadTs: t.threadTs, userId: t.userId, ...(t.parentTs ? { parentTs: t.parentTs } : {}) };
}

export function targetOf(session: Session): ThreadTarget | undefined {
  const place = parseSessionKey(session.key);
  if (!place) return undefined;
  const s = session.surface ?? {};
  const userId = typeof s.userId === 'string' ? s.userId : userIdOf(session.userKey);
  if (!userId) return undefined;
  return {
    ...place,
    userId,
    ...(typeof s.parentTs === 'string' ? { parentTs: s.parentTs } : {}),
  };
}
