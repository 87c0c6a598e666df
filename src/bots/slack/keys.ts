// Names for places and people, as the engine and the store see them.

/** The session key of an interview thread: `slack:<team>:<channel>:<thread_ts>`. */
export function sessionKey(team: string, channel: string, threadTs: string): string {
  return `slack:${team}:${channel}:${threadTs}`;
}

/** The stable user key that indexes history: `slack:<team>:<user>`. */
export function userKey(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

export interface ThreadPlace {
  team: string;
  channel: string;
  threadTs: string;
}

/** One running interview per person per workspace. */
export function scopeOf(team: string): string {
  return `slack:${team}`;
}

/** Reads a session key back into its parts; undefined for keys of other surfaces. */
export function parseSessionKey(key: string): ThreadPlace | undefined {
  const m = /^slack:([^:]+):([^:]+):(\d+\.\d+)$/.exec(key);
  return m ? { team: m[1]!, channel: m[2]!, threadTs: m[3]! } : undefined;
}

/** Slack user id from a user key, for mentions in messages. */
export function userIdOf(key: string): string | undefined {
  const m = /^slack:[^:]+:([^:]+)$/.exec(key);
  return m?.[1];
}

/** DM channel ids start with D; broadcasting a summary there makes no sense. */
export function isDirectChannel(channel: string): boolean {
  return channel.startsWith('D');
}
