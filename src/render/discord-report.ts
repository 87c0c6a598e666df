import type { Report } from '../engine/types.ts';
import { escapeDiscord, plainDiscord } from './chat-escape.ts';
import { overallText, TYPE_LABEL } from './labels.ts';
import { fitQuestion, type QuestionView, reportView, type ReportView } from './report-blocks.ts';
import { splitText, truncate } from './split-text.ts';
import { BAND_COLOR } from './svg.ts';

/** Discord API limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Sum of title, description, field names and values, footer and author over all embeds of one message. */
  total: 6000,
  embedsPerMessage: 10,
} as const;

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** Plain JSON in the shape of the API's embed object; discord.js accepts it as is. */
export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: DiscordEmbedField[];
  image?: { url: string };
  footer?: { text: string };
  timestamp?: string;
}

export interface DiscordReportMessage {
  embeds: DiscordEmbed[];
  /** Set on the message whose embed shows the chart: attach the PNG under this name. */
  attachmentName?: string;
}

export interface DiscordReportOptions {
  /** Link from the title to the interview thread. */
  threadUrl?: string;
  /** Set false when no chart will be attached (no image reference is emitted). */
  chart?: boolean;
}

/** Characters an embed spends against the per-message 6000 total. */
export function embedLength(e: DiscordEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

const FOOTER_MAX = 1000;
const colorInt = (hex: string) => parseInt(hex.slice(1), 16);
const isHttpUrl = (u: string | undefined): u is string => !!u && /^https?:\/\/\S+$/.test(u) && u.length <= 2048;

/** Escaped text within `max` characters: shortens the raw text, so an escape is never cut in half. */
function escFit(raw: string, max: number): string {
  let t = raw;
  let e = escapeDiscord(t);
  while (e.length > max) {
    t = truncate(t, Math.max(1, t.length - (e.length - max) - 1));
    e = escapeDiscord(t);
  }
  return e;
}

/** One field per chunk of `value`, so nothing is cut: later chunks are named "… (cont.)". Name is raw text. */
function fieldsFor(rawName: string, value: string, inline = false): DiscordEmbedField[] {
  const safeName = escFit(rawName, DISCORD_LIMITS.fieldName - 8);
  return splitText(value, DISCORD_LIMITS.fieldValue).map((v, i) => ({ name: i ? `${safeName} (cont.)` : safeName, value: v, inline }));
}

function questionValue(q: QuestionView): string {
  const lines = [escapeDiscord(q.question)];
  for (const ref of q.refs) lines.push(`About ${escapeDiscord(ref)}`);
  if (q.cappedBecause) lines.push(`**Why this score:** ${escapeDiscord(q.cappedBecause)}`);
  for (const e of q.evidence) lines.push(`> "${escapeDiscord(e)}"`);
  if (q.improvement) lines.push(`**Next time:** ${escapeDiscord(q.improvement)}`);
  if (q.strongAnswer) lines.push(`*${escapeDiscord(q.strongAnswer)}*`);
  return lines.join('\n');
}

/** One field per question where it fits in 1024 characters (shortening the least useful parts first), else "(cont.)" fields. */
function questionField(q: QuestionView): DiscordEmbedField[] {
  const name = `Q${q.n} · ${q.statusText} · ${q.competency}${q.scoredBy ? ` (${q.scoredBy})` : ''}`;
  return fieldsFor(name, questionValue(fitQuestion(q, questionValue, DISCORD_LIMITS.fieldValue)));
}

function bullets(items: string[]): string {
  return items.map((s) => `• ${escapeDiscord(s)}`).join('\n');
}

function overviewDescription(v: ReportView): string {
  return [`**${escapeDiscord(v.overallLine)}**`, escapeDiscord(v.metaLine), `*${escapeDiscord(v.scoringNote)}*`, '', escapeDiscord(v.summary)].join('\n');
}

function footerText(v: ReportView): string | undefined {
  const parts = [...v.modeNotes, ...(v.usageLine ? [v.usageLine] : [])];
  // Footers are plain text (no Markdown); kept well under 2048 so title + description + footer stay under 6000.
  return parts.length ? truncate(plainDiscord(parts.join(' · ')), FOOTER_MAX) : undefined;
}

/** Adds fields to embeds, opening a new embed whenever one would pass the field count or the 6000 total. */
function packFields(embeds: DiscordEmbed[], fields: DiscordEmbedField[], open: () => DiscordEmbed): void {
  let cur = embeds[embeds.length - 1];
  for (const f of fields) {
    if (!cur || (cur.fields?.length ?? 0) >= DISCORD_LIMITS.fields || embedLength(cur) + f.name.length + f.value.length > DISCORD_LIMITS.total) {
      cur = open();
      embeds.push(cur);
    }
    (cur.fields ??= []).push(f);
  }
}

/** Groups embeds into messages: at most 10 embeds and 6000 characters per message. */
function toMessages(embeds: DiscordEmbed[]): DiscordEmbed[][] {
  const out: DiscordEmbed[][] = [];
  let cur: DiscordEmbed[] = [];
  let size = 0;
  for (const e of embeds) {
    const n = embedLength(e);
    if (cur.length && (cur.length >= DISCORD_LIMITS.embedsPerMessage || size + n > DISCORD_LIMITS.total)) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(e);
    size += n;
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * The report as Discord messages with embeds: an overview (score, summary, strengths, to
 * improve, competencies, chart) and then one field per question. Long content continues in
 * further embeds and messages rather than being cut, and every embed keeps the band colour.
 */
export function discordReportMessages(report: Report, opts: DiscordReportOptions = {}): DiscordReportMessage[] {
  const v = reportView(report);
  const color = colorInt(BAND_COLOR[v.band]);
  const withChart = opts.chart !== false && (report.competencies.length > 0 || report.notEnoughToJudge);

  const descChunks = splitText(overviewDescription(v), DISCORD_LIMITS.description);
  const overview: DiscordEmbed = { title: escFit(v.title, DISCORD_LIMITS.title), color, description: descChunks[0] ?? '' };
  if (isHttpUrl(opts.threadUrl)) overview.url = opts.threadUrl;
  const footer = footerText(v);
  if (footer) overview.footer = { text: footer };
  if (withChart) overview.image = { url: `attachment://${v.chartFilename}` };
  if (Number.isFinite(report.finishedAt) && report.finishedAt > 0) overview.timestamp = new Date(report.finishedAt).toISOString();

  const embeds: DiscordEmbed[] = [overview];
  for (const d of descChunks.slice(1)) embeds.push({ color, description: d });

  const more = () => ({ color });
  const summaryFields: DiscordEmbedField[] = [];
  if (v.strengths.length) summaryFields.push(...fieldsFor(v.headings.strengths, bullets(v.strengths)));
  if (v.improvements.length) summaryFields.push(...fieldsFor(v.headings.improve, bullets(v.improvements)));
  if (v.competencies.length) {
    summaryFields.push(...fieldsFor(v.headings.byCompetency, v.competencies.map((c) => `${escapeDiscord(c.name)}: **${c.scoreText}**`).join('\n')));
  }
  packFields(embeds, summaryFields, more);

  const qFields = v.questions.flatMap(questionField);
  if (qFields.length) {
    let opened = 0;
    embeds.push({ title: v.headings.questions, color });
    packFields(embeds, qFields, () => ({ title: `${v.headings.questions} (${++opened + 1})`, color }));
  }

  const messages = toMessages(embeds).map((e) => ({ embeds: e }) as DiscordReportMessage);
  if (withChart) messages[0]!.attachmentName = v.chartFilename;
  return messages;
}

/**
 * One line for a summary channel: who, which interview, score and band, and a link to the thread.
 * Safe as message content (escaped, no pings, under 2000 characters).
 */
export function discordSummaryLine(report: Report, threadUrl?: string): string {
  const who = report.userName ? `**${escFit(report.userName.replace(/\s+/g, ' ').trim(), 120)}** finished a` : 'Finished a';
  const link = isHttpUrl(threadUrl) ? ` · [open the thread](${threadUrl})` : '';
  const line = `${who} ${TYPE_LABEL[report.type].toLowerCase()} interview: **${escapeDiscord(overallText(report))}**${report.partial ? ' (partial)' : ''}${link}`;
  return truncate(line, DISCORD_LIMITS.content);
}

/**
 * Ready-to-send discord.js payloads: the messages above with the chart PNG attached to the
 * first one (`files: [{ attachment, name }]` is discord.js's attachment shape).
 */
export function discordReportPayloads(
  report: Report,
  chartPng: Buffer | undefined,
  opts: Omit<DiscordReportOptions, 'chart'> = {},
): { embeds: DiscordEmbed[]; files?: { attachment: Buffer; name: string }[]; allowedMentions: { parse: ('users' | 'roles' | 'everyone')[] } }[] {
  return discordReportMessages(report, { ...opts, chart: !!chartPng }).map((m) => ({
    embeds: m.embeds,
    ...(m.attachmentName && chartPng ? { files: [{ attachment: chartPng, name: m.attachmentName }] } : {}),
    allowedMentions: { parse: [] },
  }));
}
