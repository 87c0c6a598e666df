// `/interview …`: acknowledged at once (Slack allows 3 seconds), then the work, with private
// answers through the command's response_url.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseRequest } from '../../command-text.ts';
import type { SlackDeps } from '../../deps.ts';
import { handleRequest } from '../../interview/requests.ts';
import { SOMETHING_WENT_WRONG, userSafeMessage } from '../../../../chat/safe-text.ts';
import type { SlackMessage } from '../../views/interview-message.ts';

export function interviewCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reply = async (m: string | SlackMessage) => {
      await respond({ response_type: 'ephemeral', ...(typeof m === 'string' ? { text: m } : (m as never)) });
    };
    try {
      const req = parseRequest(command.text ?? '');
      await handleRequest(deps, client, { team: context.teamId ?? command.team_id, channel: command.channel_id, userId: command.user_id, reply }, req);
    } catch (err) {
      const safe = userSafeMessage(err);
      if (!safe) deps.log.error({ err }, '/interview failed');
      await reply(safe ? `${safe} Type \`/interview help\` for the options.` : SOMETHING_WENT_WRONG).catch(() => undefined);
    }
  };
}
