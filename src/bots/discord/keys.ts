/** Session keys name the place; user keys are stable across servers. */
export const placeKey = (guildId: string, threadId: string) => `discord:${guildId}:${threadId}`;
export const userKey = (userId: string) => `discord:${userId}`;
/** One running interview per candidate per server. */
export const scopeOf = (guildId: string) => `discord:${guildId}`;
export const guildSettingsKey = (guildId: string) => `discord-settings:${guildId}`;

export type ButtonAction = 'skip' | 'repeat' | 'end' | 'voice';
export const buttonId = (action: ButtonAction, sessionId: string) => `iv:${action}:${sessionId}`;
export function parseButtonId(id: string): { action: ButtonAction; sessionId: string } | null {
  const m = /^iv:(skip|repeat|end|voice):([0-9a-f-]{36})$/.exec(id);
  return m ? { action: m[1] as ButtonAction, sessionId: m[2]! } : null;
}
export const forgetId = (choice: 'yes' | 'no', userId: string) => `ivforget:${choice}:${userId}`;
