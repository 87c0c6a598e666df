// Fake Web API methods around the workspace: identity, Socket Mode connection, users,
// App Home views, reactions and assistant thread status.
import type { StoredMessage } from './state.ts';
import { fail, list, record, str, userFor, type Args, type MethodContext, type MethodHandler } from './method-context.ts';

const authTest: MethodHandler = (_args, ctx) => ({
  ok: true,
  url: `https://${ctx.identity.teamDomain}.slack.com/`,
  team: ctx.identity.teamName,
  user: 'fakebot',
  team_id: ctx.identity.teamId,
  user_id: ctx.identity.botUserId,
  bot_id: ctx.identity.botId,
  is_enterprise_install: false,
});

const connectionsOpen: MethodHandler = (_args, ctx) => {
  // A fresh ticket per call, like Slack, so reconnects are visible in the URL.
  return { ok: true, url: `${ctx.socketUrl}?ticket=${ctx.state.nextId('K')}` };
};

const usersInfo: MethodHandler = (args, ctx) => {
  const id = str(args.user);
  if (!id) return fail('user_not_found');
  const user = userFor(ctx, id);
  return {
    ok: true,
    user: {
      id: user.id,
      team_id: ctx.identity.teamId,
      name: user.name,
      real_name: user.real_name,
      is_bot: user.is_bot ?? false,
      deleted: false,
      tz: user.tz ?? 'Europe/London',
      ...(args.include_locale === true || args.include_locale === 'true' ? { locale: user.locale ?? 'en-US' } : {}),
      profile: {
        real_name: user.real_name,
        real_name_normalized: user.real_name,
        display_name: user.display_name,
        display_name_normalized: user.display_name,
      },
    },
  };
};

const viewsPublish: MethodHandler = (args, ctx) => {
  const userId = str(args.user_id);
  const view = record(args.view);
  if (!userId || !view) return fail('invalid_arguments');
  if (view.type !== 'home') return fail('invalid_arguments');
  const id = ctx.state.nextId('V');
  ctx.state.views.push({ user_id: userId, view, id, at: Date.now() });
  return { ok: true, view: { ...view, id, team_id: ctx.identity.teamId, app_id: ctx.identity.appId, hash: id } };
};

function findReactionTarget(args: Args, ctx: MethodContext): StoredMessage | undefined {
  return ctx.state.findMessage(str(args.channel) ?? '', str(args.timestamp) ?? '');
}

const reactionsAdd: MethodHandler = (args, ctx) => {
  const name = str(args.name);
  if (!name) return fail('invalid_name');
  const message = findReactionTarget(args, ctx);
  if (!message) return fail('message_not_found');
  const reaction = message.reactions.find((r) => r.name === name);
  if (reaction?.users.includes(ctx.identity.botUserId)) return fail('already_reacted');
  if (reaction) {
    reaction.users.push(ctx.identity.botUserId);
    reaction.count += 1;
  } else message.reactions.push({ name, users: [ctx.identity.botUserId], count: 1 });
  return { ok: true };
};

const reactionsRemove: MethodHandler = (args, ctx) => {
  const message = findReactionTarget(args, ctx);
  if (!message) return fail('message_not_found');
  const reaction = message.reactions.find((r) => r.name === str(args.name));
  if (!reaction?.users.includes(ctx.identity.botUserId)) return fail('no_reaction');
  reaction.users = reaction.users.filter((u) => u !== ctx.identity.botUserId);
  reaction.count -= 1;
  if (reaction.count === 0) message.reactions = message.reactions.filter((r) => r !== reaction);
  return { ok: true };
};

const setStatus: MethodHandler = (args, ctx) => {
  const channel_id = str(args.channel_id);
  const thread_ts = str(args.thread_ts);
  const status = str(args.status);
  if (!channel_id || !thread_ts || status === undefined) return fail('invalid_arguments');
  const loading = list(args.loading_messages);
  ctx.state.statuses.push({ channel_id, thread_ts, status, ...(loading ? { loading_messages: loading } : {}) });
  return { ok: true };
};

export const workspaceMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'apps.connections.open': connectionsOpen,
  'users.info': usersInfo,
  'views.publish': viewsPublish,
  'reactions.add': reactionsAdd,
  'reactions.remove': reactionsRemove,
  'assistant.threads.setStatus': setStatus,
};
