import type { ApiServer } from '../api/server.ts';
import type { App } from './app.ts';

/** What a chat surface gets when it starts: the app, and the HTTP server to mount on. */
export interface SurfaceContext {
  app: App;
  /** e.g. `http.mountRaw('/slack/events', receiver.requestListener)` for Slack over HTTP. */
  http: Pick<ApiServer, 'mountRaw' | 'healthSources' | 'app'>;
}

export interface RunningSurface {
  name: string;
  /** Stop taking new messages and let turns in flight finish. */
  stop(): Promise<void>;
}

/** Each surface module exports one of these as its starter. */
export type StartSurface = (ctx: SurfaceContext) => Promise<RunningSurface>;
