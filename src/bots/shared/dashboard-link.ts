// The personal web-dashboard link that `/interview dashboard` sends privately on every chat surface.
import { UserTokens } from '../../api/user-tokens.ts';
import type { KeyValueStore } from '../../engine/store/kv.ts';

export interface DashboardLinkOptions {
  /** PUBLIC_URL: where people reach the HTTP server; without it there is no page to link to. */
  publicUrl: string | undefined;
  /** USER_TOKEN_SECRET, or undefined to use the secret kept in the store (as the API does). */
  secret: string | undefined;
  kv: KeyValueStore;
  userKey: string;
}

/** The link itself: `<PUBLIC_URL>/dashboard/me?token=<the user's token>`, or undefined without PUBLIC_URL. */
export async function personalDashboardUrl(o: DashboardLinkOptions): Promise<string | undefined> {
  if (!o.publicUrl) return undefined;
  const token = await new UserTokens({ configured: o.secret, kv: o.kv }).issue(o.userKey);
  return `${o.publicUrl.replace(/\/+$/, '')}/dashboard/me?token=${encodeURIComponent(token)}`;
}

/** The private answer: the link with a word on keeping it private, or why there is none. */
export async function dashboardLinkText(o: DashboardLinkOptions): Promise<string> {
  const url = await personalDashboardUrl(o);
  if (!url) return 'The web dashboard is not set up on this server (PUBLIC_URL is not set). `/interview history` shows your scores here.';
  return `Your personal progress dashboard: ${url}\nKeep this link to yourself: anyone with it can see your interview history.`;
}
