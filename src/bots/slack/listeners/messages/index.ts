import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { humanMessage } from './human-message.ts';

export function register(app: App, deps: SlackDeps): void {
  app.message(humanMessage(deps));
}
