import type { Report } from '../engine/types.ts';
import { escapeSlack } from './chat-escape.ts';
import { overallText, TYPE_LABEL } from './labels.ts';
import { fitQuestion, type QuestionView, reportView } from './report-blocks.ts';
import { splitText, truncate } from './split-text.ts';

/** Block Kit limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  /** Text objects cap at 3000; context lines are kept shorter so they stay small print. */
  contextText: 2000,
  altText: 2000,
} as const;

export interface SlackText {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}

export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'divider' }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'image'; image_url?: string; slack_file?: { id: string }; alt_text: string; title?: SlackText };

export interface SlackReportOptions {
  /** The chart as a public URL, or a file already uploaded to Slack (files.uploadV2 gives its id). */
  chart?: { imageUrl: string } | { slackFileId: string };
  /** Link to the interview thread, shown in the closing context line. */
  threadUrl?: string;
}

const mrkdwn = (text: string): SlackText => ({ type: 'mrkdwn', text });

/** Sections for `text`, split on line boundaries so none passes 3000 characters. */
function sections(text: string): SlackBlock[] {
  return splitText(text, SLACK_LIMITS.sectionText).map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

function questionMrkdwn(q: QuestionView): string {
  const lines = [`*Q${q.n} · ${escapeSlack(q.competency)} · ${q.statusText}*${q.scoredBy ? ` _(${escapeSlack(q.scoredBy)})_` : ''}`, escapeSlack(q.question)];
  for (const ref of q.refs) lines.push(`_About ${escapeSlack(ref)}_`);
  if (q.cappedBecause) lines.push(`*Why this score:* ${escapeSlack(q.cappedBecause)}`);
  for (const e of q.evidence) lines.push(`> “${escapeSlack(e)}”`);
  if (q.improvement) lines.push(`*Next time:* ${escapeSlack(q.improvement)}`);
  if (q.strongAnswer) lines.push(escapeSlack(q.strongAnswer));
  return lines.join('\n');
}

/** One question in one section of at most 3000 characters, shortening the least useful parts first. */
function questionText(q: QuestionView): string {
  return questionMrkdwn(fitQuestion(q, questionMrkdwn, SLACK_LIMITS.sectionText));
}

const bullets = (items: string[]) => items.map((s) => `• ${escapeSlack(s)}`).join('\n');

/**
 * Merges runs of question sections into fewer sections (each still under 3000 characters)
 * until the message fits in 50 blocks. If even that is not enough, whole questions are left
 * out from the end, and a note says how many: the summary, strengths, what to improve and
 * how the report was scored always stay.
 */
function fitBlocks(head: SlackBlock[], questions: string[], tail: SlackBlock[]): SlackBlock[] {
  let groups = questions.map((q) => ({ count: 1, blocks: sections(q) }));
  const size = () => head.length + tail.length + groups.reduce((n, g) => n + g.blocks.length, 0);
  if (size() > SLACK_LIMITS.blocks) {
    const merged: { count: number; text: string }[] = [];
    for (const q of questions) {
      const last = merged[merged.length - 1];
      if (last && last.text.length + 2 + q.length <= SLACK_LIMITS.sectionText) {
        last.text = `${last.text}\n\n${q}`;
        last.count += 1;
      } else merged.push({ count: 1, text: q });
    }
    groups = merged.map((m) => ({ count: m.count, blocks: sections(m.text) }));
  }
  if (size() <= SLACK_LIMITS.blocks) return [...head, ...groups.flatMap((g) => g.blocks), ...tail];

  const room = SLACK_LIMITS.blocks - head.length - tail.length - 1;
  const kept: SlackBlock[] = [];
  let shown = 0;
  for (const g of groups) {
    if (kept.length + g.blocks.length > room) break;
    kept.push(...g.blocks);
    shown += g.count;
  }
  const left = questions.length - shown;
  const note: SlackBlock = {
    type: 'context',
    elements: [mrkdwn(`_Report shortened to fit one Slack message: ${left} more question${left === 1 ? ' is' : 's are'} in the full report on the dashboard._`)],
  };
  const out = [...head, ...kept, note, ...tail];
  // Only a head or tail that alone passes the limit (not seen in practice) is cut here.
  return out.length <= SLACK_LIMITS.blocks ? out : [...out.slice(0, SLACK_LIMITS.blocks - 1), out[out.length - 1]!];
}

/**
 * The report as Block Kit blocks: header, overall score and summary, chart, competencies,
 * one section per question, strengths, improvements, and a context line saying how it was
 * scored. Every text is escaped and within Slack's limits.
 */
export function slackReportBlocks(report: Report, opts: SlackReportOptions = {}): SlackBlock[] {
  const v = reportView(report);
  const head: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(v.title, SLACK_LIMITS.headerText), emoji: false } }];
  head.push(...sections([`*${escapeSlack(v.overallLine)}*`, escapeSlack(v.metaLine), '', escapeSlack(v.summary)].join('\n')));

  if (opts.chart) {
    const alt = v.notEnoughToJudge
      ? 'Chart: not enough to judge'
      : `Scores by competency: ${v.competencies.map((c) => `${c.name} ${c.scoreText}`).join(', ') || 'none'}`;
    const img: SlackBlock = { type: 'image', alt_text: truncate(alt, SLACK_LIMITS.altText) };
    if ('imageUrl' in opts.chart) img.image_url = opts.chart.imageUrl;
    else img.slack_file = { id: opts.chart.slackFileId };
    head.push(img);
  }

  for (let i = 0; i < v.competencies.length; i += SLACK_LIMITS.fields) {
    const fields = v.competencies
      .slice(i, i + SLACK_LIMITS.fields)
      .map((c) => mrkdwn(truncate(`*${escapeSlack(c.name)}*\n${c.scoreText} · ${c.questions} question${c.questions === 1 ? '' : 's'}`, SLACK_LIMITS.fieldText)));
    head.push({ type: 'section', ...(i === 0 ? { text: mrkdwn(`*${v.headings.byCompetency}*`) } : {}), fields });
  }
  if (v.questions.length) head.push({ type: 'divider' });

  const tail: SlackBlock[] = [{ type: 'divider' }];
  if (v.strengths.length) tail.push(...sections(`*${v.headings.strengths}*\n${bullets(v.strengths)}`));
  if (v.improvements.length) tail.push(...sections(`*${v.headings.improve}*\n${bullets(v.improvements)}`));
  const notes = [v.scoringNote, ...v.modeNotes, ...(v.usageLine ? [v.usageLine] : [])].map((n) => mrkdwn(truncate(escapeSlack(n), SLACK_LIMITS.contextText)));
  if (opts.threadUrl && /^https?:\/\/\S+$/.test(opts.threadUrl)) notes.push(mrkdwn(`<${opts.threadUrl.replace(/[<>|]/g, '')}|Open the interview thread>`));
  if (notes.length > SLACK_LIMITS.contextElements) {
    // Fold the overflow into the last element rather than dropping notes.
    const rest = notes.splice(SLACK_LIMITS.contextElements - 1).map((n) => n.text).join(' · ');
    notes.push(mrkdwn(truncate(rest, SLACK_LIMITS.contextText)));
  }
  tail.push({ type: 'context', elements: notes });

  return fitBlocks(head, v.questions.map(questionText), tail);
}

/**
 * One line for notifications and summary channels (also the `text` fallback Slack shows
 * where blocks are not rendered).
 */
export function slackSummaryLine(report: Report, threadUrl?: string): string {
  const name = report.userName ? escapeSlack(truncate(report.userName.replace(/\s+/g, ' ').trim(), 80)) : '';
  const who = name ? `*${name}* finished a` : 'Finished a';
  const link = threadUrl && /^https?:\/\/\S+$/.test(threadUrl) ? ` · <${threadUrl.replace(/[<>|]/g, '')}|open the thread>` : '';
  return `${who} ${TYPE_LABEL[report.type].toLowerCase()} interview: *${escapeSlack(overallText(report))}*${report.partial ? ' (partial)' : ''}${link}`;
}
