// Skip / Repeat / End (and Resume) under the current question. Only the candidate may press
// them, only on the latest question, and a double click skips one question, not two.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Action } from '../../../../engine/types.ts';
import type { SlackDeps } from '../../deps.ts';
import { isRunning } from '../../../../chat/conversation.ts';
import { currentQuestion } from '../../interview/post-reply.ts';
import { targetOf } from '../../interview/target.ts';
import { runTurn } from '../../interview/turn.ts';
import { tellUser } from '../../notify.ts';
import { ACTION_IDS } from '../../views/interview-message.ts';

const BY_ID = new Map(Object.entries(ACTION_IDS).map(([action, id]) => [id, action as Action]));
export const INTERVIEW_ACTION = new RegExp(`^(${[...BY_ID.keys()].join('|')})$`);

export function interviewButton(deps: SlackDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const command = BY_ID.get(action.action_id);
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!command || !channel) return;
    const messageTs: string | undefined = body.container?.message_ts ?? body.message?.ts;
    const threadTs: string | undefined = body.container?.thread_ts ?? body.message?.thread_ts;
    const tell = (text: string) => tellUser(client, { channel, user: body.user.id, ...(threadTs ? { threadTs } : {}) }, text);

    const session = await deps.conversation.sessionById(action.value ?? '');
    const target = session ? targetOf(session) : undefined;
    if (!isRunning(session) || !target) return tell('This interview has finished. Start a new one with `/interview`.');
    if (body.user.id !== target.userId) return tell(`Only <@${target.userId}> can use the buttons of their interview. Start your own with \`/interview\`.`);
    const current = await currentQuestion(deps, session.id);
    if (current && messageTs && current.ts !== messageTs) return tell('That question has passed; use the buttons under the latest one.');
    if ((command === 'skip' || command === 'end') && messageTs && !(await deps.conversation.claimOnce(`slack:press:${session.id}:${messageTs}`))) return;
    await runTurn(deps, client, session.id, target, { kind: 'command', command });
  };
}
