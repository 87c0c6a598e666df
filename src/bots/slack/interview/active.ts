// The interview a person has running on Slack, if any (one at a time keeps `/interview end`
// unambiguous and stops a stray command from opening thread after thread).
import type { Session } from '../../../engine/types.ts';
import type { SlackDeps } from '../deps.ts';
import { scopeOf, userKey } from '../keys.ts';
import { pendingOfUser, type PendingInterview } from './pending.ts';

export type Active = { kind: 'session'; session: Session } | { kind: 'pending'; pending: PendingInterview } | undefined;

export async function activeInterviewOf(deps: SlackDeps, team: string, userId: string): Promise<Active> {
  const uk = userKey(team, userId);
  const pending = await pendingOfUser(deps, uk);
  if (pending) return { kind: 'pending', pending };
  const session = await deps.conversation.activeOf(uk, scopeOf(team));
  return session ? { kind: 'session', session } : undefined;
}
