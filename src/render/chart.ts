import type { HistoryEntry } from '../engine/store/session-store.ts';
import type { Report } from '../engine/types.ts';
import { competencyChartSvg } from './competency-chart.ts';
import { type PngOptions, svgToPng } from './png.ts';
import { type TrendOptions, trendChartSvg } from './trend-chart.ts';

// One entry point for every surface (Discord, Slack, HTTP dashboard): SVG builders and PNG output.
export { competencyChartSvg, CHART_WIDTH } from './competency-chart.ts';
export { trendChartSvg, type TrendOptions } from './trend-chart.ts';
export { svgToPng, svgToPngAsync, type PngOptions } from './png.ts';
export { escapeXml, BAND_COLOR } from './svg.ts';

export { REPORT_CHART_NAME, TREND_CHART_NAME } from './chart-names.ts';

export function renderReportChartPng(report: Report, opts: PngOptions = {}): Buffer {
  return svgToPng(competencyChartSvg(report), opts);
}

export function renderTrendPng(history: HistoryEntry[], opts: TrendOptions & PngOptions = {}): Buffer {
  return svgToPng(trendChartSvg(history, opts), opts);
}
