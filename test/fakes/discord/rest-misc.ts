// REST routes outside channels: gateway discovery, users, guilds and application commands.
import type { FakeCore } from './messages.ts';
import { channelPayload, guildPayload, memberPayload, userPayload } from './payloads.ts';
import { Errors, ok, type RouteRequest, type Router } from './router.ts';
import type { CommandRecord, GuildRecord } from './state.ts';
import { validateCommands } from './validate.ts';

type Obj = Record<string, unknown>;

export function registerMiscRoutes(router: Router, core: FakeCore, gatewayUrl: () => string): void {
  const { state } = core;

  // @discordjs/ws refuses to connect when remaining < shard count, so the limit is generous.
  router.add('GET', '/gateway/bot', () => ok({
    url: gatewayUrl(),
    shards: 1,
    session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
  }));
  router.add('GET', '/gateway', () => ok({ url: gatewayUrl() }), { auth: false });

  router.add('GET', '/users/@me', () => ok(userPayload(state, state.botId)));
  router.add('GET', '/users/:userId', ({ params }) => {
    if (!state.users.has(params['userId'] ?? '')) throw Errors.unknownUser();
    return ok(userPayload(state, params['userId'] as string));
  });

  const application = () => ok({
    id: state.applicationId,
    name: userPayload(state, state.botId).username,
    icon: null,
    description: '',
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: userPayload(state, state.firstGuild().ownerId),
    team: null,
    bot: userPayload(state, state.botId),
    approximate_guild_count: state.guilds.size,
  });
  router.add('GET', '/applications/@me', application);
  router.add('GET', '/oauth2/applications/@me', application);

  const guildOr404 = (req: RouteRequest): GuildRecord => {
    const guild = state.guilds.get(req.params['guildId'] ?? '');
    if (!guild) throw Errors.unknownGuild();
    return guild;
  };
  router.add('GET', '/guilds/:guildId', (req) => {
    const guild = guildOr404(req);
    const counts = req.query.get('with_counts') === 'true' ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 } : {};
    return ok({ ...guildPayload(state, guild), ...counts });
  });
  router.add('GET', '/guilds/:guildId/channels', (req) => {
    const guild = guildOr404(req);
    return ok([...state.channels.values()].filter((c) => c.guild_id === guild.id && !state.isThread(c)).map((c) => channelPayload(state, c)));
  });
  router.add('GET', '/guilds/:guildId/members/:userId', (req) => {
    const guild = guildOr404(req);
    if (!guild.members.has(req.params['userId'] ?? '')) throw Errors.unknownMember();
    return ok(memberPayload(state, guild, req.params['userId'] as string));
  });
  router.add('GET', '/guilds/:guildId/roles', (req) => ok(guildOr404(req).roles.map((r) => ({ ...r }))));

  const scope = (req: RouteRequest): string => {
    if (req.params['appId'] !== state.applicationId) throw Errors.unknownWebhook();
    if (req.params['guildId'] === undefined) return '';
    if (!state.guilds.has(req.params['guildId'])) throw Errors.missingAccess();
    return req.params['guildId'];
  };
  const list = (req: RouteRequest) => ok((state.commands.get(scope(req)) ?? []).map((c) => c.json));
  const overwrite = (req: RouteRequest) => {
    const key = scope(req);
    const incoming = Array.isArray(req.body) ? (req.body as Obj[]) : [];
    validateCommands(incoming);
    const previous = state.commands.get(key) ?? [];
    const next: CommandRecord[] = incoming.map((cmd) => {
      const type = Number(cmd['type'] ?? 1);
      const name = String(cmd['name']);
      // Discord keeps a command's id across overwrites as long as name and type match.
      const id = previous.find((p) => p.name === name && p.type === type)?.id ?? state.ids.next();
      const json: Obj = {
        id,
        application_id: state.applicationId,
        version: state.ids.next(),
        type,
        name,
        name_localizations: cmd['name_localizations'] ?? null,
        description: cmd['description'] ?? '',
        description_localizations: cmd['description_localizations'] ?? null,
        ...(cmd['options'] ? { options: cmd['options'] } : {}),
        default_member_permissions: cmd['default_member_permissions'] ?? null,
        nsfw: Boolean(cmd['nsfw']),
        contexts: cmd['contexts'] ?? null,
        integration_types: cmd['integration_types'] ?? [0],
        ...(key ? { guild_id: key } : {}),
      };
      return { id, name, type, json };
    });
    state.commands.set(key, next);
    return ok(next.map((c) => c.json));
  };
  router.add('GET', '/applications/:appId/commands', list);
  router.add('PUT', '/applications/:appId/commands', overwrite);
  router.add('GET', '/applications/:appId/guilds/:guildId/commands', list);
  router.add('PUT', '/applications/:appId/guilds/:guildId/commands', overwrite);
}
