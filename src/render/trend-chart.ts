import type { HistoryEntry } from '../engine/store/session-store.ts';
import type { Band } from '../engine/types.ts';
import { fitText, textWidth } from './fonts.ts';
import { competencyName } from './labels.ts';
import { AXIS, BAND_COLOR, BAND_LABEL, BAND_TINT, bandFor, fmt1, GRID, INK, MUTED, px, svgDocument, text } from './svg.ts';

export interface TrendOptions {
  /** Label the x axis by interview number (default) or by finish date. Points are evenly spaced either way. */
  x?: 'index' | 'date';
  /** Also draw the most practised competencies (up to 4, default true). */
  competencies?: boolean;
  /** Only the most recent interviews are drawn (default 30). */
  maxPoints?: number;
  /** Time zone for date labels (default UTC). */
  timeZone?: string;
  title?: string;
  width?: number;
}

const PAD = 28;
const HEIGHT_PLOT = 240;
/** Distinct from the band colours, so a competency line is never mistaken for a band. */
const SERIES_COLORS = ['#7c3aed', '#0891b2', '#db2777', '#a16207'];
const BANDS: [Band, number, number][] = [
  ['strong', 4, 5],
  ['solid', 3, 4],
  ['developing', 2, 3],
  ['needs-work', 0, 2],
];

interface Point {
  entry: HistoryEntry;
  score: number;
  at: number;
}

const clamp5 = (x: number) => Math.max(0, Math.min(5, x));

/** Finished interviews with a score, oldest first. */
function points(history: HistoryEntry[], max: number): Point[] {
  return history
    .filter((e) => typeof e.score === 'number' && Number.isFinite(e.score))
    .map((e) => ({ entry: e, score: clamp5(e.score!), at: e.finishedAt ?? e.startedAt }))
    .sort((a, b) => a.at - b.at)
    .slice(-Math.max(1, max));
}

/** The competencies seen in the most questions across these interviews, most first. */
function topCompetencies(pts: Point[], n: number): string[] {
  const count = new Map<string, number>();
  for (const p of pts) for (const c of p.entry.competencies ?? []) count.set(c.competency, (count.get(c.competency) ?? 0) + c.questions);
  return [...count.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([c]) => c);
}

function polyline(xy: [number, number][], color: string, width: number, extra = ''): string {
  return `<polyline points="${xy.map(([x, y]) => `${px(x)},${px(y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"${extra ? ` ${extra}` : ''}/>`;
}

interface LegendItem {
  label: string;
  swatch: (x: number, y: number) => string;
}

/** Lays legend items left to right, wrapping to new rows; returns the elements and the rows used. */
function legend(items: LegendItem[], y: number, width: number): { els: string[]; rows: number } {
  const els: string[] = [];
  let x = PAD;
  let row = 0;
  for (const it of items) {
    const label = fitText(it.label, 220, 14);
    const w = 30 + textWidth(label, 14) + 22;
    if (x > PAD && x + w > width - PAD) {
      row += 1;
      x = PAD;
    }
    const yy = y + row * 24;
    els.push(it.swatch(x, yy - 5), text(x + 30, yy, label, { size: 14 }));
    x += w;
  }
  return { els, rows: row + 1 };
}

/**
 * Overall score per finished interview over time (0-5), optionally with the most practised
 * competencies as thinner lines. Partial interviews are drawn as hollow points.
 */
export function trendChartSvg(history: HistoryEntry[], opts: TrendOptions = {}): string {
  const width = opts.width ?? 800;
  const pts = points(history, opts.maxPoints ?? 30);
  const n = pts.length;
  const last = pts[n - 1];
  const prev = pts[n - 2];
  const out: string[] = [];

  // Header: title, one-line summary, latest score badge.
  const title = opts.title ?? 'Score trend';
  let sub: string;
  if (!last) sub = 'No finished interviews yet';
  else if (!prev) sub = '1 interview so far · finish another to see a trend';
  else {
    const d = last.score - prev.score;
    const change = Math.abs(d) < 0.05 ? 'no change' : `${d > 0 ? '▲ +' : '▼ −'}${fmt1(Math.abs(d))} vs previous`;
    sub = `${n} interviews · ${change}`;
  }
  let badgeX = width - PAD;
  if (last) {
    const band = last.entry.band && last.entry.band !== 'not-enough-to-judge' ? last.entry.band : bandFor(last.score);
    const badge = `Latest ${fmt1(last.score)} / 5`;
    const bw = textWidth(badge, 17, true) + 28;
    badgeX = width - PAD - bw;
    out.push(`<rect x="${px(badgeX)}" y="26" width="${px(bw)}" height="32" rx="16" fill="${BAND_COLOR[band]}"/>`);
    out.push(text(badgeX + bw / 2, 48, badge, { size: 17, bold: true, fill: '#ffffff', anchor: 'middle' }));
  }
  out.push(text(PAD, 48, fitText(title, badgeX - PAD - 16, 22, true), { size: 22, bold: true }));
  out.push(text(PAD, 74, fitText(sub, width - 2 * PAD, 14), { size: 14, fill: MUTED }));

  // Plot frame: band strips, gridlines and y ticks.
  const left = PAD + 26;
  // Band names sit in a gutter right of the plot so data never covers them.
  const right = width - PAD - Math.ceil(Math.max(...BANDS.map(([b]) => textWidth(BAND_LABEL[b], 12, true)))) - 12;
  const top = 100;
  const bottom = top + HEIGHT_PLOT;
  const y = (s: number) => bottom - (clamp5(s) / 5) * HEIGHT_PLOT;
  for (const [band, lo, hi] of BANDS) {
    out.push(`<rect x="${left}" y="${px(y(hi))}" width="${right - left}" height="${px(y(lo) - y(hi))}" fill="${BAND_TINT[band]}" opacity="0.55"/>`);
    out.push(text(right + 10, (y(hi) + y(lo)) / 2 + 4, BAND_LABEL[band], { size: 12, fill: BAND_COLOR[band], bold: true }));
  }
  for (let t = 0; t <= 5; t++) {
    out.push(`<line x1="${left}" y1="${px(y(t))}" x2="${right}" y2="${px(y(t))}" stroke="${t === 0 ? AXIS : GRID}" stroke-width="1"/>`);
    out.push(text(left - 10, y(t) + 5, String(t), { size: 14, fill: MUTED, anchor: 'end' }));
  }

  const inset = 28;
  const x = (i: number) => (n <= 1 ? (left + right) / 2 : left + inset + (i * (right - left - 2 * inset)) / (n - 1));

  if (!n) {
    const cx = (left + right) / 2;
    out.push(`<rect x="${px(cx - 190)}" y="${px((top + bottom) / 2 - 40)}" width="380" height="84" rx="10" fill="#ffffff" stroke="${GRID}"/>`);
    out.push(text((left + right) / 2, (top + bottom) / 2, 'No finished interviews yet', { size: 20, bold: true, fill: MUTED, anchor: 'middle' }));
    out.push(text((left + right) / 2, (top + bottom) / 2 + 26, 'Finish an interview to start your trend.', { size: 15, fill: MUTED, anchor: 'middle' }));
  }

  // X tick labels, thinned so they never collide.
  const dateFmt = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: opts.timeZone ?? 'UTC' });
  const labelOf = (p: Point, i: number) => (opts.x === 'date' ? dateFmt.format(new Date(p.at)) : `#${i + 1}`);
  const slot = n > 1 ? (right - left - 2 * inset) / (n - 1) : Infinity;
  const widest = Math.max(0, ...pts.map((p, i) => textWidth(labelOf(p, i), 13)));
  const every = Math.max(1, Math.ceil((widest + 12) / slot));
  pts.forEach((p, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    if (i !== n - 1 && n - 1 - i < every) return; // keep the last label clear of its neighbour
    out.push(text(x(i), bottom + 20, labelOf(p, i), { size: 13, fill: MUTED, anchor: 'middle' }));
  });

  // Competency series under the overall line.
  const legendItems: LegendItem[] = [];
  const comps = opts.competencies === false ? [] : topCompetencies(pts, 4);
  comps.forEach((c, k) => {
    const color = SERIES_COLORS[k]!;
    const xy: [number, number][] = [];
    pts.forEach((p, i) => {
      const hit = p.entry.competencies?.find((e) => e.competency === c);
      if (hit) xy.push([x(i), y(hit.score)]);
    });
    if (xy.length > 1) out.push(polyline(xy, color, n > 12 ? 1.75 : 2, 'opacity="0.8"'));
    // Markers only while there is room; with many interviews the lines alone read better.
    if (n <= 12 || xy.length === 1) for (const [cx, cy] of xy) out.push(`<circle cx="${px(cx)}" cy="${px(cy)}" r="3.5" fill="${color}"/>`);
    legendItems.push({ label: competencyName(c), swatch: (lx, ly) => `<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${color}" stroke-width="3" stroke-linecap="round"/>` });
  });

  // Overall series on top: band-coloured points, hollow when the interview was partial.
  if (n) {
    const xy = pts.map((p, i) => [x(i), y(p.score)] as [number, number]);
    if (n > 1) out.push(polyline(xy, INK, 3.5, 'class="overall"'));
    const showValues = n <= 12;
    const r = n <= 20 ? 6.5 : 5.5;
    pts.forEach((p, i) => {
      const [cx, cy] = xy[i]!;
      const color = BAND_COLOR[bandFor(p.score)];
      out.push(
        p.entry.partial
          ? `<circle class="overall partial" cx="${px(cx)}" cy="${px(cy)}" r="${r - 0.5}" fill="#ffffff" stroke="${color}" stroke-width="3"/>`
          : `<circle class="overall" cx="${px(cx)}" cy="${px(cy)}" r="${r}" fill="${color}" stroke="#ffffff" stroke-width="2"/>`,
      );
      if (showValues) {
        const vy = cy < top + 24 ? cy + 24 : cy - 13;
        const v = fmt1(p.score);
        const vw = textWidth(v, 14, true);
        out.push(`<rect x="${px(cx - vw / 2 - 3)}" y="${px(vy - 13)}" width="${px(vw + 6)}" height="17" rx="3" fill="#ffffff" opacity="0.85"/>`);
        out.push(text(cx, vy, v, { size: 14, bold: true, anchor: 'middle' }));
      }
    });
    legendItems.unshift({ label: 'Overall', swatch: (lx, ly) => `<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${INK}" stroke-width="3.5" stroke-linecap="round"/>` });
    if (pts.some((p) => p.entry.partial)) {
      legendItems.splice(1, 0, { label: 'Partial interview', swatch: (lx, ly) => `<circle cx="${lx + 11}" cy="${ly}" r="6" fill="#ffffff" stroke="${MUTED}" stroke-width="3"/>` });
    }
  }

  let h = bottom + 34;
  if (legendItems.length) {
    const lg = legend(legendItems, bottom + 58, width);
    out.push(...lg.els);
    h = bottom + 58 + (lg.rows - 1) * 24 + 22;
  }
  const summary = last ? `${n} interviews, latest ${fmt1(last.score)} of 5` : 'no finished interviews';
  return svgDocument(width, Math.round(h), out, `${title}: ${summary}`);
}
