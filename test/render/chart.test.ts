import { mkdirSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, test } from 'vitest';
import { competencyChartSvg, renderReportChartPng, svgToPng, svgToPngAsync } from '../../src/render/chart.ts';
import { fitText, textWidth } from '../../src/render/fonts.ts';
import { resvgOptions } from '../../src/render/png.ts';
import { notEnoughReport, sampleReport } from './fixtures.ts';
import { darkPixels, decodePng, PNG_SIGNATURE, pngSize } from './png-decode.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

function artifact(name: string, data: Buffer | string): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(new URL(name, ARTIFACTS), data);
}

const svgHeight = (svg: string) => Number(/<svg[^>]* height="(\d+)"/.exec(svg)![1]);

/** Text content of every <text> element, unescaped. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));

describe('competency chart', () => {
  test('PNG has a valid signature, 800 px width and the SVG height; width option scales it', () => {
    const report = sampleReport();
    const svg = competencyChartSvg(report);
    const png = renderReportChartPng(report);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 800, height: svgHeight(svg) });
    expect(svgHeight(svg)).toBeGreaterThan(300);
    expect(svgHeight(svg)).toBeLessThan(520);
    expect(pngSize(svgToPng(svg, { width: 1600 }))).toEqual({ width: 1600, height: svgHeight(svg) * 2 });
    artifact('report-chart.png', png);
    artifact('report-chart.svg', svg);
  });

  test('shows every competency with its score, the overall score and band, and the heuristic footnote', () => {
    const t = texts(competencyChartSvg(sampleReport()));
    for (const [label, score] of [['Communication', '4.2'], ['Problem solving', '3.1'], ['Ownership', '2.4'], ['Teamwork', '1.2']]) {
      expect(t).toContain(label);
      expect(t).toContain(score);
    }
    expect(t).toContain('3.4 / 5 · Solid');
    // The whole footnote fits (no ellipsis) and says what the rules judge today.
    expect(t).toContain('Heuristic scores: rules that judge what each answer covered, not a language model.');
    for (const tick of ['0', '1', '2', '3', '4', '5']) expect(t).toContain(tick);
  });

  test('bars are coloured by band', () => {
    const svg = competencyChartSvg(sampleReport());
    // strong, solid, developing, needs-work in the order of the fixture's competencies
    const fills = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="\d+" rx="4" fill="(#[0-9a-f]+)"/g)].map((m) => m[1]);
    expect(fills).toEqual(['#15803d', '#2563eb', '#d97706', '#dc2626']);
  });

  test('model-scored reports name the models instead of the heuristic note', () => {
    const t = texts(competencyChartSvg(sampleReport({ scoring: { heuristic: false, providers: ['gemini/gemini-2.5-flash'] } })));
    expect(t.some((s) => s.startsWith('Heuristic'))).toBe(false);
    expect(t).toContain('Scored by gemini/gemini-2.5-flash.');
    const mixed = texts(competencyChartSvg(sampleReport({ scoring: { heuristic: false, providers: ['gemini/gemini-2.5-flash', 'heuristic'] } })));
    expect(mixed).toContain('Scored by gemini/gemini-2.5-flash and the built-in rules.');
  });

  test('names and competencies with <&> and control characters are escaped and still render', () => {
    const report = sampleReport({
      userName: 'Ann <script>alert("x")</script> & Co\u0007',
      competencies: [{ competency: 'a<b>&c', score: 3, questions: 1 }],
    });
    const svg = competencyChartSvg(report);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('\u0007');
    expect(svg).toContain('&lt;script&gt;');
    expect(texts(svg)).toContain('A<b>&c');
    const png = svgToPng(svg);
    expect(pngSize(png).width).toBe(800);
    artifact('report-chart-escaped.png', png);
  });

  test('"Not enough to judge" is drawn as such, without bars', () => {
    const svg = competencyChartSvg(notEnoughReport());
    const t = texts(svg);
    expect(t.filter((s) => s === 'Not enough to judge').length).toBe(2); // badge and panel
    expect(svg).not.toMatch(/rx="4" fill="#/);
    const png = svgToPng(svg);
    artifact('report-chart-not-enough.png', png);
    expect(pngSize(png).height).toBe(svgHeight(svg));
  });

  test('long labels are shortened with an ellipsis to fit the label column', () => {
    const long = 'conflict-resolution-with-stakeholders-across-several-time-zones';
    const t = texts(competencyChartSvg(sampleReport({ competencies: [{ competency: long, score: 2, questions: 1 }] })));
    const label = t.find((s) => s.startsWith('Conflict resolution'))!;
    expect(label.endsWith('…')).toBe(true);
    expect(textWidth(label, 16)).toBeLessThanOrEqual(250);
  });

  test('many competencies make a taller chart', () => {
    const comps = Array.from({ length: 12 }, (_, i) => ({ competency: `skill-${i}`, score: i % 5, questions: 1 }));
    const svg = competencyChartSvg(sampleReport({ competencies: comps }));
    expect(svgHeight(svg)).toBeGreaterThan(svgHeight(competencyChartSvg(sampleReport())));
    artifact('report-chart-12.png', svgToPng(svg));
  });

  test('text is drawn with the shipped font (no system fonts) and output is byte-identical across runs', () => {
    const png = renderReportChartPng(sampleReport());
    const img = decodePng(png);
    // Title line: dark glyph pixels must be there; an empty font database would leave it blank.
    expect(darkPixels(img, 28, 26, 400, 56)).toBeGreaterThan(500);
    expect(renderReportChartPng(sampleReport()).equals(png)).toBe(true);
  });

  test('async rendering gives the same PNG', async () => {
    const svg = competencyChartSvg(sampleReport());
    expect((await svgToPngAsync(svg)).equals(svgToPng(svg))).toBe(true);
  });

  test('text measurement matches what resvg draws', () => {
    for (const [s, size, bold] of [['Problem solving', 16, false], ['Behavioral interview · Jane Doe', 22, true], ['WWWW iiii 0123', 14, false]] as const) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="60"><text x="10" y="40" font-size="${size}"${bold ? ' font-weight="bold"' : ''}>${s}</text></svg>`;
      const box = new Resvg(svg, resvgOptions()).getBBox()!;
      // The bbox is ink, the measure is advance: they differ only by side bearings.
      expect(Math.abs(box.width - textWidth(s, size, bold))).toBeLessThan(size * 0.3);
    }
    expect(fitText('short', 100, 14)).toBe('short');
  });
});
