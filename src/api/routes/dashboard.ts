import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { competencyChartSvg, renderTrendPng, trendChartSvg } from '../../render/chart.ts';
import { fontFiles } from '../../render/fonts.ts';
import { type ApiContext, userKeyOf } from '../context.ts';
import { applyFilter, type DashboardFilter, DashboardFilterQuery } from '../dashboard/filters.ts';
import { dashboardSummary } from '../dashboard/summary.ts';
import { renderDashboardPage } from '../dashboard/page.ts';
import { ApiError } from '../http-error.ts';
import { defineRoute } from '../route.ts';
import { DashboardBody, DashboardQuery, ErrorBody, TokenQuery, UserParams } from '../schemas.ts';
import { z } from 'zod';

const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const FontParams = z.object({ file: z.enum(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) });

export function dashboardRoutes(app: FastifyInstance, ctx: ApiContext): void {
  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/api/dashboard/:user_id',
    summary: 'A user\'s interview history, averages and per-competency trend',
    tags: ['dashboard'],
    description: 'Needs the user\'s own user_token (returned by start) as "Authorization: Bearer <user_token>", or an API key.',
    params: UserParams,
    userScoped: true,
    responses: {
      200: { description: 'History newest first; competencies with their scores in the order interviews finished.', schema: DashboardBody },
      401: { description: 'No token or key, or an invalid one.', schema: ErrorBody },
      403: { description: 'Another user\'s token.', schema: ErrorBody },
    },
    handler: async ({ params, req }, reply) => {
      const userKey = userKeyOf(params.user_id);
      await ctx.auth.requireUser(req, reply, userKey);
      return dashboardSummary(params.user_id.normalize('NFC'), await ctx.engine.history(userKey));
    },
  });

  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/api/dashboard/:user_id/trend.png',
    summary: 'Score trend chart (PNG), the same image chat surfaces post',
    tags: ['dashboard'],
    params: UserParams,
    query: TokenQuery,
    userScoped: true,
    responses: { 200: { description: 'PNG image.', contentType: 'image/png' }, 401: { description: 'No token or key.', schema: ErrorBody }, 403: { description: 'Another user\'s token.', schema: ErrorBody } },
    handler: async ({ params, req }, reply) => {
      const userKey = userKeyOf(params.user_id);
      await ctx.auth.requireUser(req, reply, userKey);
      const png = renderTrendPng(await ctx.engine.history(userKey));
      return reply.type('image/png').header('cache-control', 'no-store').send(png);
    },
  });

  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/dashboard',
    summary: 'Progress dashboard (HTML): a user-id form, or redirect to the user\'s page',
    tags: ['dashboard'],
    query: DashboardQuery,
    responses: { 200: { description: 'HTML page.', contentType: 'text/html' }, 303: { description: 'Redirect to /dashboard/{user_id}.' } },
    handler: async ({ query }, reply) => {
      const token = query.token ? `?token=${encodeURIComponent(query.token)}` : '';
      if (query.user_id) return reply.redirect(`/dashboard/${encodeURIComponent(query.user_id)}${token}`, 303);
      return page(reply, renderDashboardPage({}));
    },
  });

  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/dashboard/:user_id',
    summary: 'Progress dashboard (HTML) for one user: filters, interviews linked to their reports, score charts and per-competency trends',
    description: 'Needs the user\'s token as ?token=<user_token> (the link chat surfaces send) or a Bearer header, or an API key.',
    tags: ['dashboard'],
    params: UserParams,
    query: DashboardFilterQuery,
    userScoped: true,
    responses: { 200: { description: 'HTML page.', contentType: 'text/html' }, 401: { description: 'No token or key.', schema: ErrorBody }, 403: { description: 'Another user\'s token.', schema: ErrorBody } },
    handler: async ({ params, query, req }, reply) => {
      const userKey = userKeyOf(params.user_id);
      await ctx.auth.requireUser(req, reply, userKey);
      const userId = params.user_id.normalize('NFC');
      return userPage(reply, userId, userKey, query, `/dashboard/${encodeURIComponent(userId)}`);
    },
  });

  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/dashboard/me',
    summary: 'Progress dashboard (HTML) of whoever holds the token: the personal link Discord and Slack send',
    tags: ['dashboard'],
    query: DashboardFilterQuery,
    userScoped: true,
    responses: { 200: { description: 'HTML page.', contentType: 'text/html' }, 401: { description: 'No valid token.', schema: ErrorBody } },
    handler: async ({ query, req }, reply) => {
      const userKey = query.token ? await ctx.auth.tokens.verify(query.token) : undefined;
      if (!userKey) {
        throw new ApiError(401, 'unauthorized', query.token ? 'That link is not valid any more; ask for a new one with /interview dashboard.' : 'This page needs the link with ?token= that /interview dashboard sends.');
      }
      return userPage(reply, displayName(userKey), userKey, query, '/dashboard/me');
    },
  });

  /** One user's page; `filter` narrows the interviews, `basePath` is where the filter form and links lead back to. */
  async function userPage(reply: FastifyReply, userId: string, userKey: string, filter: DashboardFilter, basePath: string) {
    const all = await ctx.engine.history(userKey);
    const history = applyFilter(all, filter);
    const summary = dashboardSummary(userId, history);
    // The latest finished interview within the filter (its report is in the session, while the session is kept).
    const latestId = summary.interviews.find((i) => i.finished_at)?.session_id;
    const latest = latestId ? ((await ctx.engine.getById(latestId))?.report ?? (await ctx.engine.lastReport(userKey))) : undefined;
    const title = 'Overall score per interview';
    return page(
      reply,
      renderDashboardPage({
        userId,
        basePath,
        summary,
        filter,
        roles: [...new Map(all.map((e) => [e.role.toLowerCase(), e.role])).values()].sort(),
        totalInterviews: all.length,
        ...(summary.totals.completed
          ? { trendSvg: trendChartSvg(history, { title, x: 'date' }), trendSvgCompact: trendChartSvg(history, { title: 'Score trend', x: 'date', width: 420, competencies: false, maxPoints: 12 }) }
          : {}),
        ...(latest ? { latestReportSvg: competencyChartSvg(latest), latestReportSvgCompact: competencyChartSvg(latest, 420) } : {}),
      }),
    );
  }

  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/dashboard/assets/:file',
    summary: 'The chart font, so inline charts render in the browser exactly as in chat images',
    tags: ['dashboard'],
    params: FontParams,
    responses: { 200: { description: 'TrueType font.', contentType: 'font/ttf' } },
    handler: async ({ params }, reply) => {
      const file = fontFiles().find((f) => basename(f) === params.file);
      if (!file) throw new ApiError(404, 'not_found', 'No such asset.');
      return reply.type('font/ttf').header('cache-control', 'public, max-age=604800, immutable').send(await readFile(file));
    },
  });
}

/** `http:test123` -> `test123`; chat keys (`discord:...`) are shown as they are. */
const displayName = (userKey: string) => (userKey.startsWith('http:') ? userKey.slice(5) : userKey);

function page(reply: FastifyReply, body: string) {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', HTML_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(body);
}
