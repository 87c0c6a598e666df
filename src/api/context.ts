import type { ApiAuth } from './auth.ts';
import type { InterviewEngine } from '../engine/engine.ts';
import type { Logger } from '../logger.ts';
import type { HealthContext } from './health.ts';
import type { ApiMetrics } from './metrics.ts';
import type { RouteCatalog } from './route.ts';

/** What every route module gets: the engine and the server's shared parts. */
export interface ApiContext {
  engine: InterviewEngine;
  logger: Logger;
  metrics: ApiMetrics;
  catalog: RouteCatalog;
  health: HealthContext;
  version: string;
  bodyLimit: number;
  rateLimitPerMinute: number;
  apiKeysEnabled: boolean;
  auth: ApiAuth;
}

/**
 * HTTP user ids live in their own namespace: `http:<user_id>` never collides with a chat user.
 * NFC, so "é" typed two ways is one user.
 */
export const userKeyOf = (userId: string) => `http:${userId.normalize('NFC')}`;
