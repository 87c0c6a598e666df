import { AttachmentBuilder } from 'discord.js';
import type { Report } from '../../engine/types.ts';
import type { Logger } from '../../logger.ts';
import { REPORT_CHART_NAME, renderReportChartPng } from '../../render/chart.ts';
import { discordReportMessages, discordSummaryLine } from '../../render/discord-report.ts';
import type { Sendable } from './thread-send.ts';

/**
 * Posts the report (embeds plus the competency chart) where the interview happened.
 * Without Attach Files permission the chart is left out and the report says why.
 */
export async function postReport(channel: Sendable, report: Report, log: Logger, opts: { canAttach: boolean; threadUrl?: string }): Promise<void> {
  const parts = discordReportMessages(report, opts.threadUrl ? { threadUrl: opts.threadUrl } : {});
  let png: Buffer | null = null;
  if (opts.canAttach) {
    try {
      png = renderReportChartPng(report);
    } catch (err) {
      log.warn({ err }, 'chart rendering failed; report goes without it');
    }
  }
  for (const [i, part] of parts.entries()) {
    const embeds = part.embeds.map((e) => (png ? e : { ...e, image: undefined }));
    const files = i === 0 && png ? [new AttachmentBuilder(png, { name: part.attachmentName ?? REPORT_CHART_NAME })] : [];
    const content = i === 0 && !opts.canAttach ? '-# The score chart is missing because I lack the **Attach Files** permission here.' : undefined;
    await channel.send({ ...(content ? { content } : {}), embeds, files, allowedMentions: { parse: [] } });
  }
}

export { discordSummaryLine };
