import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { interviewCommand } from './interview.ts';

export const COMMAND = '/interview';

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, interviewCommand(deps));
}
