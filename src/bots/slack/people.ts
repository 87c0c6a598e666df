// Display names from users.info, cached briefly so a busy thread does not call Slack per message.
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { type LanguageCode, languageFromLocale } from '../../engine/language.ts';

const TTL_MS = 10 * 60_000;

/** Resolves to undefined when Slack will not say (missing users:read scope, network). */
export type NameLookup = (client: WebClient, userId: string) => Promise<string | undefined>;

interface SlackProfileUser {
  name?: string;
  real_name?: string;
  profile?: { display_name?: string; real_name?: string };
}

/** The name people see in Slack: display name, else real name, else handle. */
export function nameOf(user: SlackProfileUser | undefined): string | undefined {
  const candidates = [user?.profile?.display_name, user?.profile?.real_name, user?.real_name, user?.name];
  return candidates.find((c) => typeof c === 'string' && c.trim())?.trim();
}

/** The interview language from the user's Slack locale ("ja-JP" -> ja); English when Slack will not say. */
export type LanguageLookup = (client: WebClient, userId: string) => Promise<LanguageCode>;

export function createLanguageLookup(log: Logger): LanguageLookup {
  return async (client, userId) => {
    try {
      const res = await client.users.info({ user: userId, include_locale: true });
      return languageFromLocale((res.user as { locale?: string } | undefined)?.locale);
    } catch (err) {
      log.warn({ err, userId }, 'users.info failed; the interview runs in English');
      return 'en';
    }
  };
}

export function createNameLookup(log: Logger, now: () => number = Date.now): NameLookup {
  const cache = new Map<string, { name: string; at: number }>();
  return async (client, userId) => {
    const hit = cache.get(userId);
    if (hit && now() - hit.at < TTL_MS) return hit.name;
    try {
      const res = await client.users.info({ user: userId });
      const name = nameOf(res.user as SlackProfileUser | undefined);
      if (!name) return undefined;
      cache.set(userId, { name, at: now() });
      if (cache.size > 5000) cache.delete(cache.keys().next().value!);
      return name;
    } catch (err) {
      // A missing users:read scope should not stop an interview; greet without a name.
      log.warn({ err, userId }, 'users.info failed; going on without a name');
      return undefined;
    }
  };
}
