// One turn of a running interview on Slack, through the conversation layer (which keeps the
// turns of one interview in order and maps errors to words the candidate may see).
import type { WebClient } from '@slack/web-api';
import type { TurnOutcome } from '../../../chat/conversation.ts';
import type { EngineInput } from '../../../engine/types.ts';
import type { SlackDeps } from '../deps.ts';
import { slackAdapter, slackPlace } from './adapter.ts';
import type { ThreadTarget } from './target.ts';

export function runTurn(deps: SlackDeps, client: WebClient, sessionId: string, t: ThreadTarget, input: EngineInput): Promise<TurnOutcome> {
  return deps.conversation.turn(slackAdapter(deps, client), slackPlace(t), sessionId, input);
}
