import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { competencyChartSvg, renderTrendPng, trendChartSvg } from '../../render/chart.ts';
import { fontFiles } from '../../render/fonts.ts';
import { type ApiContext, userKeyOf } from '../context.ts';
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
    summary: 'Progress dashboard (HTML) for one user: interviews table and score charts',
    description: 'Needs the user\'s token as ?token=<user_token> (the link chat surfaces send) or a Bearer header, or an API key.',
    tags: ['dashboard'],
    params: UserParams,
    query: TokenQuery,
    userScoped: true,
    responses: { 200: { description: 'HTML page.', contentType: 'text/html' }, 401: { description: 'No token or key.', schema: ErrorBody }, 403: { description: 'Another user\'s token.', schema: ErrorBody } },
    handler: async ({ params, req }, reply) => {
      const userKey = userKeyOf(params.user_id);
      await ctx.auth.requireUser(req, reply, userKey);
      return userPage(req, reply, params.user_id.normalize('NFC'), userKey);
    },
  });

  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/dashboard/me',
    summary: 'Progress dashboard (HTML) of whoever holds the token: the personal link Discord and Slack send',
    tags: ['dashboard'],
    query: TokenQuery,
    userScoped: true,
    responses: { 200: { description: 'HTML page.', contentType: 'text/html' }, 401: { description: 'No valid token.', schema: ErrorBody } },
    handler: async ({ query, req }, reply) => {
      const userKey = query.token ? await ctx.auth.tokens.verify(query.token) : undefined;
      if (!userKey) {
        throw new ApiError(401, 'unauthorized', query.token ? 'That link is not valid any more; ask for a new one with /interview dashboard.' : 'This page needs the link with ?token= that /interview dashboard sends.');
      }
      return userPage(req, reply, displayName(userKey), userKey);
    },
  });

  async function userPage(req: FastifyRequest, reply: FastifyReply, userId: string, userKey: string) {
    const history = await ctx.engine.history(userKey);
    const summary = dashboardSummary(userId, history);
    const latest = summary.totals.completed ? await ctx.engine.lastReport(userKey) : undefined;
    return page(
      reply,
      renderDashboardPage({
        userId,
        summary,
        // The address the browser used, so the example works as printed (real port, proxy host).
        origin: `${req.protocol}://${req.host}`,
        ...(summary.totals.completed ? { trendSvg: trendChartSvg(history, { title: 'Overall score per interview' }) } : {}),
        ...(latest ? { latestReportSvg: competencyChartSvg(latest) } : {}),
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
