import type { FastifyInstance } from 'fastify';
import { type ApiContext, userKeyOf } from '../context.ts';
import { defineRoute } from '../route.ts';
import { DeleteUserBody, ErrorBody, UserParams } from '../schemas.ts';

export function usersRoutes(app: FastifyInstance, ctx: ApiContext): void {
  defineRoute(app, ctx.catalog, {
    method: 'DELETE',
    url: '/api/users/:user_id',
    summary: 'Delete everything kept about a user: interviews, reports, documents and history',
    description: 'Needs the user\'s own user_token ("Authorization: Bearer <user_token>") or an API key. The same as /interview forget in chat.',
    tags: ['users'],
    params: UserParams,
    userScoped: true,
    responses: {
      200: { description: 'Deleted; deleted_interviews counts the interviews removed.', schema: DeleteUserBody },
      401: { description: 'No token or key, or an invalid one.', schema: ErrorBody },
      403: { description: 'Another user\'s token.', schema: ErrorBody },
    },
    handler: async ({ params, req }, reply) => {
      const userKey = userKeyOf(params.user_id);
      await ctx.auth.requireUser(req, reply, userKey);
      const deleted = await ctx.engine.forget(userKey);
      req.log.info({ deleted }, 'user data deleted');
      return { user_id: params.user_id.normalize('NFC'), deleted_interviews: deleted };
    },
  });
}
