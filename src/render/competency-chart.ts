import type { Band, Report } from '../engine/types.ts';
import { scoringNote } from '../engine/feedback/method.ts';
import { fitText, textWidth } from './fonts.ts';
import { competencyName, questionCountText, TYPE_LABEL } from './labels.ts';
import { AXIS, BAND_COLOR, BAND_LABEL, BAND_TINT, bandFor, fmt1, GRID, INK, MUTED, px, svgDocument, text } from './svg.ts';

export const CHART_WIDTH = 800;
const PAD = 28;
const BODY_TOP = 104;
/** Bands in legend order, with the score range each covers (see bandFor). */
const LEGEND: [Band, string][] = [
  ['strong', '4–5'],
  ['solid', '3–4'],
  ['developing', '2–3'],
  ['needs-work', '0–2'],
];

/** Title line: interview type and name on the left, overall score and band in a coloured badge on the right. */
function header(r: Report, width: number): string[] {
  const badge = r.overall.score === null ? r.overall.label : `${fmt1(r.overall.score)} / 5 · ${r.overall.label}`;
  const badgeW = textWidth(badge, 17, true) + 28;
  const badgeX = width - PAD - badgeW;
  const titleRaw = `${TYPE_LABEL[r.type]} interview${r.userName ? ` · ${r.userName}` : ''}`;
  const title = fitText(titleRaw, badgeX - PAD - 16, 22, true);
  const subRaw = [`${r.role} (${r.level})`, questionCountText(r), `${r.durationMinutes} min`, r.partial ? 'partial interview' : ''].filter(Boolean).join(' · ');
  return [
    text(PAD, 48, title, { size: 22, bold: true }),
    text(PAD, 74, fitText(subRaw, width - 2 * PAD, 14), { size: 14, fill: MUTED }),
    `<rect x="${px(badgeX)}" y="26" width="${px(badgeW)}" height="32" rx="16" fill="${BAND_COLOR[r.overall.band]}"/>`,
    text(badgeX + badgeW / 2, 48, badge, { size: 17, bold: true, fill: '#ffffff', anchor: 'middle' }),
  ];
}

/** Which models (or the heuristic rules) produced the numbers: shown on every chart, never hidden. */
function footnote(r: Report, y: number, width: number): string {
  const note = scoringNote(r.scoring, true);
  return text(PAD, y, fitText(note, width - 2 * PAD, 14), { size: 14, fill: MUTED });
}

function notEnoughBody(r: Report, width: number): { body: string[]; bottom: number } {
  const h = 170;
  const cx = width / 2;
  const answered = r.questions.filter((q) => q.status === 'answered').length;
  return {
    body: [
      `<rect x="${PAD}" y="${BODY_TOP}" width="${width - 2 * PAD}" height="${h}" rx="10" fill="${BAND_TINT['not-enough-to-judge']}" stroke="${AXIS}" stroke-dasharray="6 4"/>`,
      text(cx, BODY_TOP + 62, 'Not enough to judge', { size: 28, bold: true, fill: '#374151', anchor: 'middle' }),
      text(cx, BODY_TOP + 98, fitText(answered ? `The answers given (${answered} of ${r.questions.length}) are too short or unclear to score fairly.` : 'No questions were answered, so there is nothing to score.', width - 2 * PAD - 24, 16), { size: 16, fill: INK, anchor: 'middle' }),
      text(cx, BODY_TOP + 126, 'Answer at least two questions in full sentences with a real example.', { size: 16, fill: MUTED, anchor: 'middle' }),
    ],
    bottom: BODY_TOP + h,
  };
}

const CHART_SCRIPT = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\P{L}]*$/u;

function barsBody(r: Report, width: number): { body: string[]; bottom: number } {
  const rows = r.competencies;
  const n = rows.length;
  const rowH = n <= 5 ? 46 : n <= 9 ? 38 : 30;
  const twoLine = rowH >= 38;
  const labelSize = n <= 9 ? 16 : 15;
  // The chart font (DejaVu Sans) has Latin, Greek and Cyrillic letters only: names in other
  // scripts would render as empty boxes, so those charts keep the English names.
  const drawable = r.competencyLabels && Object.values(r.competencyLabels).every((l) => CHART_SCRIPT.test(l)) ? r.competencyLabels : undefined;
  const labels = rows.map((c) => competencyName(c.competency, drawable));
  const labelW = Math.min(250, Math.max(120, ...labels.map((l) => textWidth(l, labelSize))));
  const x0 = PAD + labelW + 18;
  const x1 = width - PAD - 48;
  const scale = (x1 - x0) / 5;
  const top = BODY_TOP + 14;
  const bottom = top + n * rowH;
  const out: string[] = [];

  for (let t = 0; t <= 5; t++) {
    const x = x0 + t * scale;
    out.push(`<line x1="${px(x)}" y1="${top - 6}" x2="${px(x)}" y2="${bottom}" stroke="${t === 0 ? AXIS : GRID}" stroke-width="1"/>`);
    out.push(text(x, bottom + 20, String(t), { size: 14, fill: MUTED, anchor: 'middle' }));
  }
  out.push(`<line x1="${px(x0)}" y1="${bottom}" x2="${px(x1)}" y2="${bottom}" stroke="${AXIS}" stroke-width="1"/>`);

  if (r.overall.score !== null) {
    // The overall score as a dashed reference line, so each bar reads as above or below it.
    const x = x0 + Math.max(0, Math.min(5, r.overall.score)) * scale;
    out.push(`<line x1="${px(x)}" y1="${top - 4}" x2="${px(x)}" y2="${bottom}" stroke="${INK}" stroke-width="1.5" stroke-dasharray="5 4" opacity="0.55"/>`);
    out.push(text(x, top - 9, `overall ${fmt1(r.overall.score)}`, { size: 13, fill: MUTED, anchor: x > x1 - 40 ? 'end' : 'middle' }));
  }

  rows.forEach((c, i) => {
    const mid = top + i * rowH + rowH / 2;
    const barH = Math.round(rowH * 0.52);
    const score = Math.max(0, Math.min(5, c.score));
    const band = bandFor(score);
    const w = Math.max(3, score * scale);
    const label = fitText(labels[i]!, labelW, labelSize);
    if (twoLine) {
      out.push(text(PAD, mid - 2, label, { size: labelSize }));
      out.push(text(PAD, mid + 15, `${c.questions} question${c.questions === 1 ? '' : 's'}`, { size: 13, fill: MUTED }));
    } else {
      out.push(text(PAD, mid + 5, label, { size: labelSize }));
    }
    out.push(`<rect x="${px(x0)}" y="${px(mid - barH / 2)}" width="${px(w)}" height="${barH}" rx="4" fill="${BAND_COLOR[band]}"/>`);
    // A white backing keeps the value readable where it crosses the overall line or a gridline.
    const value = fmt1(c.score);
    out.push(`<rect x="${px(x0 + w + 5)}" y="${px(mid - 10)}" width="${px(textWidth(value, 16, true) + 6)}" height="20" fill="#ffffff"/>`);
    out.push(text(x0 + w + 8, mid + 6, value, { size: 16, bold: true }));
  });
  return { body: out, bottom: bottom + 24 };
}

function legend(y: number): string[] {
  const out: string[] = [];
  let x = PAD;
  for (const [band, range] of LEGEND) {
    const label = `${BAND_LABEL[band]} ${range}`;
    out.push(`<rect x="${px(x)}" y="${y - 11}" width="14" height="14" rx="3" fill="${BAND_COLOR[band]}"/>`);
    out.push(text(x + 20, y, label, { size: 14, fill: INK }));
    x += 20 + textWidth(label, 14) + 24;
  }
  return out;
}

/**
 * Horizontal bars of the 0-5 score per competency, coloured by band, with the overall score and
 * band in the title. Sized for a chat embed: 800 px wide, height grows with the number of bars.
 */
export function competencyChartSvg(report: Report, width = CHART_WIDTH): string {
  const parts = header(report, width);
  let body: { body: string[]; bottom: number };
  if (report.notEnoughToJudge) body = notEnoughBody(report, width);
  else if (!report.competencies.length) {
    body = {
      body: [text(width / 2, BODY_TOP + 60, 'No scored answers yet', { size: 20, fill: MUTED, anchor: 'middle' })],
      bottom: BODY_TOP + 100,
    };
  } else body = barsBody(report, width);
  parts.push(...body.body);
  let y = body.bottom + 26;
  if (!report.notEnoughToJudge && report.competencies.length) {
    parts.push(...legend(y));
    y += 28;
  }
  parts.push(footnote(report, y, width));
  const height = Math.round(y + 24);
  const overall = report.overall.score === null ? report.overall.label : `${fmt1(report.overall.score)}/5 ${report.overall.label}`;
  return svgDocument(width, height, parts, `Scores by competency, overall ${overall}`);
}
