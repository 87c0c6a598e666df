import type { SpeechStack } from '../gpu/stack.ts';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Config } from '../config.ts';
import type { InterviewEngine } from '../engine/engine.ts';
import type { KeyValueStore } from '../engine/store/kv.ts';
import type { Logger } from '../logger.ts';
import { ApiAuth, registerApiKeys } from './auth.ts';
import type { ApiContext } from './context.ts';
import { clientErrorAnswer, frameworkErrorAnswer, registerErrorHandling } from './errors.ts';
import { gpuProbe, type HealthSources } from './health.ts';
import { ApiError } from './http-error.ts';
import { ApiMetrics } from './metrics.ts';
import { type RawHandler, RawMounts } from './raw-mount.ts';
import { RouteCatalog } from './route.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { docsRoutes } from './routes/docs.ts';
import { healthRoutes } from './routes/health.ts';
import { interviewRoutes } from './routes/interview.ts';
import { documentOnlySchemas, swaggerOptions } from './openapi.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { panelRoutes } from './routes/panel.ts';
import type { DocumentIntake } from '../chat/documents.ts';
import { voiceRoutes } from './routes/voice.ts';
import { UserTokens } from './user-tokens.ts';
import { usersRoutes } from './routes/users.ts';
import { appVersion } from './version.ts';

export type ApiConfig = Pick<Config, 'API_KEYS' | 'USER_TOKEN_SECRET' | 'CORS_ORIGINS' | 'RATE_LIMIT_PER_MINUTE' | 'BODY_LIMIT_BYTES' | 'GPU_SERVER_URL' | 'GPU_SERVER_API_KEY'>;

export interface ApiServerOptions {
  engine: InterviewEngine;
  kv: KeyValueStore;
  logger: Logger;
  config: ApiConfig & Partial<Config>;
  /** Parts that report their own health (providers, GPU, speech fallbacks...); may be filled in later. */
  healthSources?: HealthSources;
  modeNotes?: () => string[];
  version?: string;
  /**
   * Whose X-Forwarded-For to believe for the client address (rate limits, logs). Default: proxies
   * on loopback and private networks (Render, a compose reverse proxy), never the open internet.
   */
  trustProxy?: boolean | string | string[];
  /** Register the speech routes (src/api/routes/voice.ts); default true. */
  voiceRoutes?: boolean;
  /** The process's shared speech stack, handed to the voice routes (they build their own when absent). */
  speech?: SpeechStack;
  /** Longest /health waits for any one source (default 2000 ms). */
  healthTimeoutMs?: number;
  /** Issues and checks user tokens; default: signed with USER_TOKEN_SECRET or a secret kept in the store. */
  userTokens?: UserTokens;
  /** Default: process metrics (CPU, memory, event loop) are collected too. */
  processMetrics?: boolean;
  /** The document intake, so the browser panel can upload resumes and job descriptions. */
  documents?: DocumentIntake;
}

export interface ApiServer {
  app: FastifyInstance;
  metrics: ApiMetrics;
  /** Mutable: set a field to add a part to /health. */
  healthSources: HealthSources;
  /** Serves `path` with a raw Node handler that sees the untouched request (e.g. Slack Bolt at /slack/events). */
  mountRaw(path: string, handler: RawHandler): void;
  listen(opts?: { port?: number; host?: string }): Promise<{ port: number; host: string; url: string }>;
  /**
   * Stops serving. With drainMs, open keep-alive connections are first answered 503 with
   * "Connection: close" for up to that long (or until none is left), so their clients reconnect
   * elsewhere instead of meeting a reset.
   */
  close(opts?: { drainMs?: number }): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export async function createApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const { config } = opts;
  // Request lines carry the URL: a user token in a dashboard link (?token=) must not reach the log.
  const log = opts.logger.child({ component: 'http' }, { serializers: { req: requestForLog } });
  const raw = new RawMounts(log);
  const metrics = new ApiMetrics({ processMetrics: opts.processMetrics ?? true });
  const healthSources: HealthSources = opts.healthSources ?? {};
  if (!healthSources.gpu && config.GPU_SERVER_URL) healthSources.gpu = gpuProbe(config.GPU_SERVER_URL, config.GPU_SERVER_API_KEY);
  const version = opts.version ?? appVersion();

  // Typed as Fastify's logger so the instance has Fastify's default generics (what plugins expect).
  const httpLog: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance: httpLog,
    serverFactory: raw.serverFactory,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: opts.trustProxy ?? 'loopback, linklocal, uniquelocal',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // One line per request in and out (method, URL, status, time; never bodies or headers),
    // except health checks and scrapes, which would drown everything else.
    logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: (req) => req.url === '/health' || req.url === '/metrics' }),
    // Keep-alive connections that are idle are closed on shutdown; busy ones finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorAnswer,
    clientErrorHandler: clientErrorAnswer,
  });

  const ctx: ApiContext = {
    engine: opts.engine,
    logger: log,
    metrics,
    catalog: new RouteCatalog(),
    health: { kv: opts.kv, sources: healthSources, notes: opts.modeNotes ?? (() => []), version, startedAt: Date.now(), ...(opts.healthTimeoutMs ? { timeoutMs: opts.healthTimeoutMs } : {}) },
    version,
    bodyLimit: config.BODY_LIMIT_BYTES,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    apiKeysEnabled: config.API_KEYS.length > 0,
    auth: new ApiAuth(config.API_KEYS, opts.userTokens ?? new UserTokens({ configured: config.USER_TOKEN_SECRET, kv: opts.kv })),
  };

  documentOnlySchemas(app);
  let closing = false;
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (closing) throw new ApiError(503, 'shutting_down', 'The server is restarting. Nothing was recorded; please send the request again in a moment.', { retryAfterS: 2 });
  });
  // Answers finished during shutdown close their connection, so a keep-alive client cannot hold the server open.
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) });
    metrics.httpSeconds.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  registerErrorHandling(app, { bodyLimit: config.BODY_LIMIT_BYTES, metrics });

  const origins = config.CORS_ORIGINS;
  await app.register(cors, {
    origin: origins.includes('*') ? '*' : origins.length ? origins : false,
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, c) =>
      new ApiError(429, 'rate_limited', `Too many requests: the limit is ${c.max} per minute. Try again in ${c.after}.`, { retryAfterS: Math.max(1, Math.ceil(c.ttl / 1000)) }),
  });
  // After the rate limiter, so its per-route hook runs first and key guessing is limited too.
  registerApiKeys(app, config.API_KEYS);
  // Before the routes: @fastify/swagger collects each route's schema as it is added.
  await app.register(
    swagger,
    swaggerOptions(
      { title: 'Interview coach API', version, description: 'Mock interviews over HTTP: start, answer, get the report, speak and listen, and follow progress on the dashboard.' },
      { securedByKeys: config.API_KEYS.length > 0, port: config.PORT ?? 8000 },
    ),
  );
  // The document as a browsable page at /docs (its own routes stay out of the document).
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: true } });

  healthRoutes(app, ctx);
  metricsRoutes(app, ctx);
  interviewRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  usersRoutes(app, ctx);
  docsRoutes(app, ctx);
  await app.register(panelRoutes, { ctx, ...(opts.documents ? { documents: opts.documents } : {}) });
  if (opts.voiceRoutes !== false) await app.register(voiceRoutes, { config, logger: log, healthSources, ...(opts.speech ? { speech: opts.speech } : {}) });

  const detach = metrics.attach(opts.engine);
  app.addHook('onClose', async () => detach());
  await app.ready();

  return {
    app,
    metrics,
    healthSources,
    mountRaw: (path, handler) => raw.mount(path, handler),
    async listen(o = {}) {
      await app.listen({ port: o.port ?? config.PORT ?? 8000, host: o.host ?? config.HOST ?? '0.0.0.0' });
      const addr = app.server.address() as AddressInfo;
      const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      return { port: addr.port, host: addr.address, url: `http://${host}:${addr.port}` };
    },
    close: async (o = {}) => {
      closing = true;
      const end = Date.now() + (o.drainMs ?? 0);
      while (app.server.listening && Date.now() < end && (await openConnections(app)) > 0) await new Promise((r) => setTimeout(r, 50));
      await app.close();
    },
  };
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

function requestForLog(req: LoggedRequest) {
  return {
    method: req.method,
    url: req.url.replace(/([?&](?:token|key|api_key)=)[^&#]*/gi, '$1[REDACTED]'),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function openConnections(app: FastifyInstance): Promise<number> {
  return new Promise((resolve) => app.server.getConnections((err, n) => resolve(err ? 0 : n)));
}
