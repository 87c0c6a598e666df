import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseLevel, parseRole } from '../../engine/interview-types.ts';
import { languageOf } from '../../engine/language.ts';
import type { EngineInput, Session } from '../../engine/types.ts';
import { type ApiContext, userKeyOf } from '../context.ts';
import { ApiError, statusForCode } from '../http-error.ts';
import { sessionJson, turnJson } from '../present.ts';
import { defineRoute } from '../route.ts';
import { SessionMetaCache } from '../session-meta.ts';
import { ErrorBody, RespondBody, SessionParams, SessionView, StartBody, StartResponse, TurnResponse, TypeParams } from '../schemas.ts';

const TAG = ['interview'];

/** A session the HTTP API may touch: only ones it started (chat sessions stay private to their surface). */
async function httpSession(ctx: ApiContext, sessionId: string): Promise<Session> {
  const s = await ctx.engine.getById(sessionId);
  if (!s || !s.key.startsWith('http:')) throw notFound();
  return s;
}

const notFound = () => new ApiError(404, 'session_not_found', 'There is no interview with that session_id. Start one with POST /api/interview/{type}/start.');

export function interviewRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const meta = new SessionMetaCache(ctx.engine);
  defineRoute(app, ctx.catalog, {
    method: 'POST',
    url: '/api/interview/:type/start',
    summary: 'Start an interview',
    description: 'Starts an interview of the given type and returns the interviewer\'s greeting and first question. Each call starts a new interview; keep the session_id to answer.',
    tags: TAG,
    params: TypeParams,
    body: StartBody,
    responses: { 200: { description: 'Started.', schema: StartResponse }, 400: { description: 'Invalid body, or unknown role, level or language.' } },
    handler: async ({ params, body }) => {
      const userKey = userKeyOf(body.user_id);
      const userToken = await ctx.auth.tokens.issue(userKey);
      const reply = await ctx.engine.start({
        key: `http:${randomUUID()}`,
        userKey,
        type: params.type,
        ...(body.user_name?.trim() ? { userName: body.user_name } : {}),
        ...(body.role ? { role: body.role } : {}),
        ...(body.level ? { level: body.level } : {}),
        ...(params.type === 'customize' && body.document_ids?.length ? { documentIds: body.document_ids } : {}),
        ...(body.language !== undefined ? { language: body.language } : {}),
        mode: body.voice_enabled ? 'voice' : 'text',
        surface: { api: 'http' },
      });
      meta.remember(reply.sessionId, { type: params.type, key: reply.key });
      const language = languageOf(body.language) ?? 'en';
      // The same parsing the engine applied (it would have thrown above on an unknown role or level).
      return { ...turnJson(reply, params.type), user_id: body.user_id.normalize('NFC'), user_token: userToken, language, voice_enabled: body.voice_enabled ?? false, role: parseRole(body.role).role, level: parseLevel(body.level) };
    },
  });

  defineRoute(app, ctx.catalog, {
    method: 'POST',
    url: '/api/interview/:type/respond',
    summary: 'Answer the current question (or send a command)',
    description:
      'Sends the candidate\'s answer and returns what the interviewer says next. "skip", "repeat", "pause", "resume" and "end" work as user_response text or as action. When is_complete is true the report (with report_markdown) is included.',
    tags: TAG,
    params: TypeParams,
    body: RespondBody,
    responses: {
      200: { description: 'The interviewer\'s next turn.', schema: TurnResponse },
      404: { description: 'Unknown session_id.', schema: ErrorBody },
      409: { description: 'The interview has finished, is paused, or is of another type than the URL says.', schema: ErrorBody },
      422: { description: 'Empty or too long answer; nothing was recorded.', schema: ErrorBody },
      503: { description: 'Shutting down or busy; send the answer again shortly.', schema: ErrorBody },
    },
    handler: async ({ params, body }, res) => {
      const session = await meta.get(body.session_id);
      if (!session || !session.key.startsWith('http:')) throw notFound();
      if (session.type !== params.type) {
        throw new ApiError(409, 'wrong_interview_type', `That session is a ${session.type} interview, not ${params.type}. Send answers to /api/interview/${session.type}/respond.`);
      }
      const turn = body.turn_id ? { turnId: body.turn_id } : {};
      const input: EngineInput = body.action ? { kind: 'command', command: body.action, ...turn } : { kind: 'answer', text: body.user_response ?? '', ...turn };
      const reply = await ctx.engine.handleSession(body.session_id, input);
      const json = turnJson(reply, session.type);
      if (reply.refused) {
        const status = statusForCode(reply.refused.code);
        ctx.metrics.errors.inc({ code: reply.refused.code, status: String(status) });
        return res.code(status).send({ ...json, error: reply.refused.code, message: reply.refused.message });
      }
      return json;
    },
  });

  defineRoute(app, ctx.catalog, {
    method: 'GET',
    url: '/api/interview/session/:session_id',
    summary: 'An interview\'s state and transcript',
    tags: TAG,
    params: SessionParams,
    responses: { 200: { description: 'State, transcript and (when finished) the report.', schema: SessionView }, 404: { description: 'Unknown session_id.', schema: ErrorBody } },
    handler: async ({ params }) => sessionJson(await httpSession(ctx, params.session_id)),
  });
}
