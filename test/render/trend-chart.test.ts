import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderTrendPng, trendChartSvg } from '../../src/render/chart.ts';
import { history } from './fixtures.ts';
import { PNG_SIGNATURE, pngSize } from './png-decode.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
const overallPoints = (svg: string) => [...svg.matchAll(/<circle class="overall[^>]*\/>/g)].map((m) => m[0]);
const polylines = (svg: string) => [...svg.matchAll(/<polyline points="([^"]+)"[^>]*stroke="(#[0-9a-f]+)"/g)].map((m) => ({ n: m[1]!.split(' ').length, color: m[2]! }));

describe('trend chart', () => {
  test('no interviews: an empty plot that says so', () => {
    const svg = trendChartSvg([]);
    expect(texts(svg)).toContain('No finished interviews yet');
    expect(overallPoints(svg)).toHaveLength(0);
    expect(svg).not.toContain('<polyline');
    expect(pngSize(renderTrendPng([])).width).toBe(800);
  });

  test('one interview: a single point with its score, no line, and a hint to do another', () => {
    const svg = trendChartSvg(history(1));
    expect(overallPoints(svg)).toHaveLength(1);
    expect(polylines(svg).filter((p) => p.color === '#111827')).toHaveLength(0);
    expect(texts(svg)).toContain('2.0');
    expect(texts(svg).some((t) => t.includes('finish another'))).toBe(true);
  });

  test('ten interviews: one overall line through every point, partial ones hollow, top 4 competencies in the legend', () => {
    const h = history(10);
    const svg = trendChartSvg(h, { x: 'date' });
    const pts = overallPoints(svg);
    expect(pts).toHaveLength(10);
    expect(pts.filter((p) => p.includes('partial'))).toHaveLength(h.filter((e) => e.partial).length);
    const overall = polylines(svg).filter((p) => p.color === '#111827');
    expect(overall).toEqual([{ n: 10, color: '#111827' }]);
    const t = texts(svg);
    expect(t).toContain('Overall');
    expect(t).toContain('Partial interview');
    for (const c of ['Communication', 'Problem solving', 'Ownership', 'Teamwork']) expect(t).toContain(c);
    expect(t).not.toContain('Leadership'); // fewest questions: not among the top 4
    expect(t).toContain('Mar 1');
    expect(t).toContain(`Latest ${h[9]!.score!.toFixed(1)} / 5`);
    const png = renderTrendPng(h, { x: 'date' });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(new URL('trend-10.png', ARTIFACTS), png);
  });

  test('competency lines can be turned off', () => {
    const svg = trendChartSvg(history(10), { competencies: false });
    expect(polylines(svg)).toEqual([{ n: 10, color: '#111827' }]);
    expect(texts(svg)).not.toContain('Communication');
  });

  test('many interviews: only the most recent are drawn and x labels do not collide', () => {
    const svg = trendChartSvg(history(60), { maxPoints: 30 });
    expect(overallPoints(svg)).toHaveLength(30);
    const xs = [...svg.matchAll(/<text x="([\d.]+)" y="\d+" font-size="13" fill="#6b7280" text-anchor="middle">#\d+<\/text>/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThan(3);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(30);
    expect(texts(svg)).toContain('#30');
    writeFileSync(new URL('trend-30.png', ARTIFACTS), renderTrendPng(history(60), { maxPoints: 30 }));
  });

  test('interviews without a score (unfinished) are left out', () => {
    const h = history(3);
    h.push({ ...h[0]!, sessionId: 'open', score: null, finishedAt: undefined, status: 'active' });
    expect(overallPoints(trendChartSvg(h))).toHaveLength(3);
  });
});
