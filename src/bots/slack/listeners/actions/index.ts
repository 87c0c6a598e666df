import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { FORGET_CANCEL, FORGET_CONFIRM } from '../../views/forget.ts';
import { forgetCancel, forgetConfirm } from './forget-buttons.ts';
import { INTERVIEW_ACTION, interviewButton } from './interview-buttons.ts';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(INTERVIEW_ACTION, interviewButton(deps));
  app.action<BlockAction<ButtonAction>>(FORGET_CONFIRM, forgetConfirm(deps));
  app.action<BlockAction<ButtonAction>>(FORGET_CANCEL, forgetCancel());
}
