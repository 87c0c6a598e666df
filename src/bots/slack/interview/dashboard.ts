import { dashboardLinkText } from '../../shared/dashboard-link.ts';
import type { SlackDeps } from '../deps.ts';

/** `/interview dashboard`: the person's web-dashboard link, answered privately. */
export function dashboardMessage(deps: SlackDeps, userKey: string): Promise<string> {
  return dashboardLinkText({ publicUrl: deps.config.PUBLIC_URL, secret: deps.config.USER_TOKEN_SECRET, kv: deps.kv, userKey });
}
