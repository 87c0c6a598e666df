import { describe, expect, test } from 'vitest';
import { renderReportMarkdown } from '../../src/engine/feedback/markdown.ts';
import { competencyChartSvg } from '../../src/render/competency-chart.ts';
import { discordReportMessages } from '../../src/render/discord-report.ts';
import { slackReportBlocks } from '../../src/render/slack-report.ts';
import { sampleReport } from './fixtures.ts';

const spanish = () =>
  sampleReport({
    language: 'es',
    competencyLabels: { communication: 'comunicación', 'problem-solving': 'resolución de problemas', ownership: 'responsabilidad', teamwork: 'trabajo en equipo' },
    summary: 'Respondiste con ejemplos reales.',
  });

describe('a report in the interview\'s language', () => {
  test('Discord embeds: Spanish title and headings, competency names from the report', () => {
    const json = JSON.stringify(discordReportMessages(spanish()));
    expect(json).toContain('Evaluación de la entrevista');
    expect(json).toContain('Fortalezas');
    expect(json).toContain('Para mejorar');
    expect(json).toContain('Resolución de problemas');
    expect(json).not.toContain('To improve');
    expect(json).not.toContain('interview feedback');
  });

  test('Slack blocks and Markdown use the same headings', () => {
    const blocks = JSON.stringify(slackReportBlocks(spanish()));
    expect(blocks).toContain('*Fortalezas*');
    expect(blocks).toContain('*Por competencia*');
    const md = renderReportMarkdown(spanish());
    expect(md).toContain('**Por competencia**');
    expect(md).toContain('- trabajo en equipo:');
  });

  test('the chart\'s labels are the translated competency names', () => {
    const svg = competencyChartSvg(spanish());
    expect(svg).toContain('Trabajo en equipo');
    expect(svg).not.toContain('Teamwork');
  });

  test('names in scripts the chart font cannot draw stay English in the chart (and translated in the text)', () => {
    const ja = sampleReport({ language: 'ja', competencyLabels: { communication: 'コミュニケーション', teamwork: 'チームワーク' } });
    const svg = competencyChartSvg(ja);
    expect(svg).toContain('Teamwork');
    expect(svg).not.toContain('チームワーク');
    expect(JSON.stringify(discordReportMessages(ja))).toContain('チームワーク');
  });

  test('an English report is unchanged', () => {
    const json = JSON.stringify(discordReportMessages(sampleReport()));
    expect(json).toContain('Strengths');
    expect(competencyChartSvg(sampleReport())).toContain('Teamwork');
  });
});
