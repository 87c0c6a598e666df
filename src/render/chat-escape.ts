/**
 * Escaping for text that users (or documents) wrote, before it goes into chat markup.
 * Names, quotes and questions must show as typed and must never ping anyone.
 */

/**
 * Discord Markdown: backslash-escape every formatting character (Discord drops a backslash
 * before any punctuation), and break @everyone/@here with a zero-width space.
 */
export function escapeDiscord(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<>]/g, '\\$&')
    // Line-start markers only: headings, list bullets and numbered lists ("1." -> "1\.").
    .replace(/^([ \t]*)(#{1,3}|[+-])(?=\s)/gm, '$1\\$2')
    .replace(/^([ \t]*)(\d+)\.(?=\s)/gm, '$1$2\\.')
    .replace(/@(everyone|here)/g, '@\u200b$1');
}

/** For Discord fields that show plain text (embed footers): no Markdown, but still no pings. */
export function plainDiscord(text: string): string {
  return text.replace(/@(everyone|here)/g, '@\u200b$1').replace(/<@/g, '<\u200b@');
}

/** Slack mrkdwn: &, < and > are control characters (links, mentions); everything else is literal. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
