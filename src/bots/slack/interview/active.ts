// The interview a person has running on Slack, if any (one at a time keeps `/interview end`
// unambiguous and stops a stray command from opening thread after thread).
import type { Session } from '../../../engine/types.ts';
import type { SlackDeps } from '../deps.ts';
import { pendingOfUser, type PendingInterview } from './pending.ts';

export type Active = { kind: 'session'; session: Session } | { kind: 'pending'; pending: PendingInterview } | undefined;

export async function activeInterviewOf(deps: SlackDeps, userKey: string): Promise<Active> {
  const pending = await pendingOfUser(deps, userKey);
  if (pending) return { kind: 'pending', pending };
  const history = await deps.engine.history(userKey);
  for (const e of [...history].reverse()) {
    if (!e.key.startsWith('slack:') || (e.status !== 'active' && e.status !== 'paused')) continue;
    const s = await deps.engine.getByKey(e.key);
    if (s && s.id === e.sessionId && (s.status === 'active' || s.status === 'paused')) return { kind: 'session', session: s };
  }
  return undefined;
}

export function isRunning(s: Session | undefined): s is Session {
  return Boolean(s && (s.status === 'active' || s.status === 'paused'));
}
