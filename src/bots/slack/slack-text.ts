// Slack's message markup in both directions: what users type arrives with <@U…> and <url|label>
// tokens and HTML entities; what we post must escape &, < and > or Slack reads them as markup.

export { escapeSlack } from '../../render/chat-escape.ts';
export { truncate } from '../../render/split-text.ts';

/**
 * Turns a user's message into plain text: drops mentions of the bot, shows other mentions and
 * links by their label, and decodes entities, so the engine scores what the person wrote.
 */
export function plainFromSlack(text: string, botUserId?: string): string {
  let s = text;
  if (botUserId) s = s.split(`<@${botUserId}>`).join(' ');
  s = s
    .replace(/<@([UW][A-Z0-9]+)(\|([^>]+))?>/g, (_m, id: string, _p, label?: string) => `@${label ?? id}`)
    .replace(/<#([CG][A-Z0-9]+)(\|([^>]*))?>/g, (_m, id: string, _p, label?: string) => `#${label || id}`)
    .replace(/<!(here|channel|everyone)(\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(\|([^>]+))?>/g, (_m, _p, label?: string) => label ?? '@group')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1');
  s = s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return s.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
}

/** True when the text mentions the given user (the bot). */
export function mentions(text: string | undefined, userId: string | undefined): boolean {
  return Boolean(text && userId && text.includes(`<@${userId}>`));
}
