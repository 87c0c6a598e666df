// A small path router plus Discord's error vocabulary. Handlers throw DiscordError and the server turns it
// into Discord's JSON error body, so the client sees the same DiscordAPIError it would get in production.
import type { RecordedFile } from './types.ts';

export class DiscordError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors: unknown;

  constructor(status: number, code: number, message: string, errors?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  body(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...(this.errors === undefined ? {} : { errors: this.errors }) };
  }
}

export const Errors = {
  unknownChannel: () => new DiscordError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new DiscordError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new DiscordError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new DiscordError(404, 10008, 'Unknown Message'),
  unknownUser: () => new DiscordError(404, 10013, 'Unknown User'),
  unknownWebhook: () => new DiscordError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new DiscordError(404, 10062, 'Unknown interaction'),
  alreadyAcknowledged: () => new DiscordError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => new DiscordError(403, 50001, 'Missing Access'),
  missingPermissions: () => new DiscordError(403, 50013, 'Missing Permissions'),
  emptyMessage: () => new DiscordError(400, 50006, 'Cannot send an empty message'),
  archivedThread: () => new DiscordError(400, 50083, 'Thread is archived'),
  tooLarge: () => new DiscordError(413, 40005, 'Request entity too large'),
  unauthorized: () => new DiscordError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordError(404, 0, '404: Not Found'),
  /** 50035 with Discord's nested `errors` shape: { field: { _errors: [{ code, message }] } }. */
  invalidForm: (field: string, code: string, message: string) => {
    const errors: Record<string, unknown> = {};
    let node = errors;
    const parts = field.split('.');
    parts.forEach((part, i) => {
      const next: Record<string, unknown> = i === parts.length - 1 ? { _errors: [{ code, message }] } : {};
      node[part] = next;
      node = next;
    });
    return new DiscordError(400, 50035, 'Invalid Form Body', errors);
  },
};

export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export type Handler = (req: RouteRequest) => RouteResult | Promise<RouteResult>;

export interface Route {
  method: string;
  pattern: string;
  segments: string[];
  /** Interaction and webhook-token routes are called without the bot token. */
  auth: boolean;
  handler: Handler;
}

export class Router {
  readonly #routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, opts: { auth?: boolean } = {}): void {
    this.#routes.push({ method, pattern, segments: pattern.split('/').slice(1), auth: opts.auth ?? true, handler });
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    const parts = path.split('/').slice(1);
    for (const route of this.#routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((seg, i) => {
        const part = parts[i] as string;
        if (seg.startsWith(':')) {
          params[seg.slice(1)] = part;
          return part.length > 0;
        }
        return seg === part;
      });
      if (ok) return { route, params };
    }
    return null;
  }
}

export const ok = (body: unknown, status = 200): RouteResult => ({ status, body });
export const noContent = (): RouteResult => ({ status: 204 });
