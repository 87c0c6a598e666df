// The App Home tab: the user's history and trend, rebuilt each time it is opened.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { publishHome } from '../../interview/report.ts';
import { teamOf } from '../messages/normalize.ts';

export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab && event.tab !== 'home') return;
    const team = teamOf(context, body);
    if (!team) return;
    await publishHome(deps, client, team, event.user);
  };
}
