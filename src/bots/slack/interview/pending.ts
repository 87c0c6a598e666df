// A customized interview waiting for its documents: the thread exists, the engine session does
// not yet (its plan is built from the documents at start).
import type { InterviewType, Level } from '../../../engine/types.ts';
import type { SlackDeps } from '../deps.ts';

const TTL_MS = 24 * 3600_000;

export interface PendingInterview {
  key: string;
  team: string;
  channel: string;
  threadTs: string;
  /** Our channel message the thread hangs from, when we posted one (slash command). */
  parentTs?: string;
  title: string;
  userId: string;
  userKey: string;
  userName?: string;
  type: InterviewType;
  role?: string;
  level?: Level;
  /** The interview language (the user's Slack locale). */
  language?: string;
  documentIds: string[];
  documentNames: string[];
}

const recordKey = (key: string) => `slack:pending:${key}`;
const userPointer = (userKey: string) => `slack:pending-user:${userKey}`;

export function getPending(deps: SlackDeps, key: string): Promise<PendingInterview | undefined> {
  return deps.kv.get<PendingInterview>(recordKey(key));
}

export async function pendingOfUser(deps: SlackDeps, userKey: string): Promise<PendingInterview | undefined> {
  const key = await deps.kv.get<string>(userPointer(userKey));
  return key ? getPending(deps, key) : undefined;
}

export async function savePending(deps: SlackDeps, p: PendingInterview): Promise<void> {
  await deps.kv.set(recordKey(p.key), p, TTL_MS);
  await deps.kv.set(userPointer(p.userKey), p.key, TTL_MS);
}

export async function dropPending(deps: SlackDeps, p: Pick<PendingInterview, 'key' | 'userKey'>): Promise<void> {
  await deps.kv.delete(recordKey(p.key));
  if ((await deps.kv.get<string>(userPointer(p.userKey))) === p.key) await deps.kv.delete(userPointer(p.userKey));
}

/** Read-modify-write of one pending record, serialised across messages and processes. */
export function withPending<T>(deps: SlackDeps, key: string, fn: (p: PendingInterview | undefined) => Promise<T>): Promise<T> {
  return deps.conversation.store.withLock(`slack:pending:${key}`, async () => fn(await getPending(deps, key)));
}
