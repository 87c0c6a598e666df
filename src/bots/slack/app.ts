// The Slack app: Bolt over HTTP (mounted by the HTTP server at /slack/events, signatures checked
// with SLACK_SIGNING_SECRET) or over Socket Mode when SLACK_APP_TOKEN is set.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { App as InterviewApp } from '../../app/app.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackDeps } from './deps.ts';
import * as actions from './listeners/actions/index.ts';
import * as commands from './listeners/commands/index.ts';
import * as events from './listeners/events/index.ts';
import * as messages from './listeners/messages/index.ts';
import { createLanguageLookup, createNameLookup } from './people.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  /** The interviewer's name in messages; default "Alex". */
  interviewer?: string;
  /** How long a turn may take before "thinking" shows; default 800 ms. */
  thinkingDelayMs?: number;
  /** Transcribes audio clips posted as answers (the speech stack); without it clips are refused politely. */
  transcribe?: (bytes: Buffer, contentType: string) => Promise<string>;
  /** Extra Web API client options (tests turn retries off). */
  clientOptions?: Omit<WebClientOptions, 'slackApiUrl' | 'logger'>;
}

export interface SlackAppHandle {
  app: App;
  mode: 'http' | 'socket';
  /** Mount on the HTTP server for POST /slack/events; it must get the raw, unread request. */
  requestListener: RequestListener;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once no listener work is in flight (graceful shutdown, tests). */
  idle(): Promise<void>;
}

export type SlackRuntime = Pick<InterviewApp, 'config' | 'logger' | 'kv' | 'conversation'>;

export function createSlackApp(runtime: SlackRuntime, opts: SlackAppOptions = {}): SlackAppHandle {
  const { config } = runtime;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error('SLACK_BOT_TOKEN is not set');
  const log = runtime.logger.child({ surface: 'slack' });
  const logger = boltLogger(log);
  const clientOptions: WebClientOptions = {
    // Web API defaults retry for about 30 minutes; a chat turn needs an answer or an error quickly.
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 },
    ...opts.clientOptions,
    ...(config.SLACK_API_URL ? { slackApiUrl: `${config.SLACK_API_URL}/` } : {}),
  };
  const socket = Boolean(config.SLACK_APP_TOKEN);
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (socket) {
    app = new App({ token, appToken: config.SLACK_APP_TOKEN!, socketMode: true, logger, clientOptions });
  } else {
    if (!config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)');
    receiver = new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET, endpoints: SLACK_EVENTS_PATH, logger, processBeforeResponse: false });
    app = new App({ token, receiver, logger, clientOptions });
  }

  const deps: SlackDeps = {
    conversation: runtime.conversation,
    kv: runtime.kv,
    config,
    log,
    interviewer: opts.interviewer ?? 'Alex',
    thinkingDelayMs: opts.thinkingDelayMs ?? 800,
    botToken: token,
    statusSupport: {},
    displayName: createNameLookup(log),
    userLanguage: createLanguageLookup(log),
    ...(opts.transcribe ? { transcribe: opts.transcribe } : {}),
  };

  // Track listener work so stop() and tests can wait for it; Bolt acks before this finishes.
  const inFlight = new Set<Promise<unknown>>();
  app.use(async ({ next }) => {
    const p = next();
    inFlight.add(p);
    try {
      await p;
    } finally {
      inFlight.delete(p);
    }
  });
  commands.register(app, deps);
  events.register(app, deps);
  messages.register(app, deps);
  actions.register(app, deps);
  app.error(async (err) => {
    log.error({ err }, 'slack listener failed');
  });

  const idle = async () => {
    // One turn of the event loop first: a request acked a moment ago may not have reached the middleware yet.
    await new Promise((r) => setImmediate(r));
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  };

  const requestListener: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (!receiver) {
      res.writeHead(404).end();
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch {
      // HTTPReceiver throws for paths and methods it does not serve.
      if (!res.headersSent) res.writeHead(404).end();
    }
  };

  let started = false;
  return {
    app,
    mode: socket ? 'socket' : 'http',
    requestListener,
    async start() {
      if (started) return;
      if (socket) await app.start();
      else {
        // Over HTTP there is nothing to listen on here; check the token now so a bad one is a startup error.
        try {
          const who = await app.client.auth.test();
          log.info({ team: who.team_id, botUserId: who.user_id }, 'slack app ready at ' + SLACK_EVENTS_PATH);
        } catch (err) {
          const code = (err as { data?: { error?: string } }).data?.error;
          if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked') {
            throw new Error(`SLACK_BOT_TOKEN was rejected by Slack (${code})`);
          }
          log.warn({ err: (err as Error).message }, 'could not reach Slack to check the bot token; continuing');
        }
      }
      started = true;
      log.info({ mode: socket ? 'socket' : 'http' }, 'slack app started');
    },
    async stop() {
      if (socket && started) await app.stop();
      started = false;
      await idle();
    },
    idle,
  };
}
