import { escapeXml } from '../../render/chart.ts';

/**
 * A small inline line of one competency's scores (0-5) in the order interviews finished,
 * the latest point marked. Sized in CSS pixels so it stays legible on a phone.
 */
export function sparklineSvg(scores: number[], label: string, o: { width?: number; height?: number } = {}): string {
  const w = o.width ?? 120;
  const h = o.height ?? 28;
  const pad = 4;
  const n = scores.length;
  const x = (i: number) => (n <= 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (n - 1));
  const y = (s: number) => h - pad - (Math.max(0, Math.min(5, s)) / 5) * (h - 2 * pad);
  const pts = scores.map((s, i) => `${x(i).toFixed(1)},${y(s).toFixed(1)}`).join(' ');
  const last = scores[n - 1];
  const desc = `${label}: ${scores.map((s) => s.toFixed(1)).join(', ')} out of 5`;
  return `<svg class="spark" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(desc)}"><line x1="${pad}" y1="${y(3)}" x2="${w - pad}" y2="${y(3)}" stroke="#e5e7eb" stroke-dasharray="2 3"/>${n > 1 ? `<polyline points="${pts}" fill="none" stroke="#2563eb" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>` : ''}${last === undefined ? '' : `<circle cx="${x(n - 1).toFixed(1)}" cy="${y(last).toFixed(1)}" r="3" fill="#2563eb"/>`}</svg>`;
}
