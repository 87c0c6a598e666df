import { describe, expect, test } from 'vitest';
import { SLACK_LIMITS, type SlackBlock, slackReportBlocks, slackSummaryLine } from '../../src/render/slack-report.ts';
import { longReport, notEnoughReport, question, sampleReport } from './fixtures.ts';

function expectWithinLimits(blocks: SlackBlock[]): void {
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of blocks) {
    if (b.type === 'header') {
      expect(b.text.type).toBe('plain_text');
      expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    }
    if (b.type === 'section') {
      expect(b.text || b.fields).toBeTruthy();
      if (b.text) {
        expect(b.text.text.trim().length).toBeGreaterThan(0);
        expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      }
      expect(b.fields?.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    }
    if (b.type === 'context') {
      expect(b.elements.length).toBeGreaterThan(0);
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
      for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
    }
    if (b.type === 'image') {
      expect(b.alt_text.length).toBeGreaterThan(0);
      expect(b.alt_text.length).toBeLessThanOrEqual(SLACK_LIMITS.altText);
      expect(!!b.image_url !== !!b.slack_file).toBe(true);
    }
  }
}

const texts = (blocks: SlackBlock[]) =>
  blocks.flatMap((b) => (b.type === 'section' ? [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)] : b.type === 'context' ? b.elements.map((e) => e.text) : b.type === 'header' ? [b.text.text] : []));

describe('Slack report', () => {
  test('a normal report: header, overall, chart, competencies, one section per question, strengths, improvements, scoring note', () => {
    const blocks = slackReportBlocks(sampleReport(), { chart: { slackFileId: 'F123' }, threadUrl: 'https://acme.slack.com/archives/C1/p1' });
    expectWithinLimits(blocks);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Behavioral interview feedback for Jane Doe', emoji: false } });
    const t = texts(blocks);
    expect(t[1]).toContain('*Overall: 3.4/5 · Solid*');
    expect(blocks.find((b) => b.type === 'image')).toMatchObject({ slack_file: { id: 'F123' }, alt_text: expect.stringContaining('Communication 4.2/5') });
    expect(t.filter((s) => /^\*Q\d+ · /.test(s))).toHaveLength(6);
    expect(t.some((s) => s.startsWith('*Q6 · Problem solving · skipped*'))).toBe(true);
    expect(t.some((s) => s.startsWith('*Strengths*\n• Concrete numbers'))).toBe(true);
    expect(t.some((s) => s.startsWith('*To improve*'))).toBe(true);
    const context = blocks[blocks.length - 1]!;
    expect(context.type).toBe('context');
    expect(texts([context]).join(' ')).toContain('heuristic rules');
    expect(texts([context]).join(' ')).toContain('<https://acme.slack.com/archives/C1/p1|Open the interview thread>');
  });

  test('10 questions with very long evidence stay within every limit', () => {
    expectWithinLimits(slackReportBlocks(longReport(), { chart: { imageUrl: 'https://example.com/c.png' } }));
  });

  test('a report too long for 50 blocks merges question sections, and says so if it still has to shorten', () => {
    const many = sampleReport({ questions: Array.from({ length: 60 }, (_, i) => question(i)) });
    const blocks = slackReportBlocks(many);
    expectWithinLimits(blocks);
    const all = texts(blocks).join('\n');
    for (let i = 1; i <= 60; i++) expect(all).toContain(`*Q${i} · `); // merged, not dropped
    const huge = longReport();
    huge.questions = Array.from({ length: 80 }, (_, i) => ({ ...huge.questions[i % 10]!, id: `q${i}` }));
    const cut = slackReportBlocks(huge);
    expectWithinLimits(cut);
    expect(texts(cut).join(' ')).toContain('Report shortened to fit one Slack message');
  });

  test('user text is escaped: no mentions, links or broken markup', () => {
    const r = sampleReport({ userName: 'Bob <!channel> & <@U1>' });
    r.questions[0]!.evidence = ['I told <@U999> & <!here> about <https://evil.example|this>'];
    const blocks = slackReportBlocks(r);
    // The header is plain_text, which Slack shows literally (no mentions, no links); the rest is mrkdwn.
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Behavioral interview feedback for Bob <!channel> & <@U1>' } });
    const all = texts(blocks.slice(1)).join('\n');
    expect(all).not.toMatch(/<[@!]/);
    expect(all).not.toContain('<https://evil');
    expect(all).toContain('&lt;@U999&gt; &amp; &lt;!here&gt;');
    expect(slackSummaryLine(r)).toBe('*Bob &lt;!channel&gt; &amp; &lt;@U1&gt;* finished a behavioral interview: *3.4/5 · Solid*');
  });

  test('not enough to judge says so in the overall line and the chart alt text', () => {
    const blocks = slackReportBlocks(notEnoughReport(), { chart: { imageUrl: 'https://example.com/c.png' } });
    expectWithinLimits(blocks);
    expect(texts(blocks)[1]).toContain('*Overall: Not enough to judge*');
    expect(blocks.find((b) => b.type === 'image')).toMatchObject({ alt_text: 'Chart: not enough to judge' });
  });

  test('summary line with a thread link and partial marker', () => {
    expect(slackSummaryLine(sampleReport({ partial: true }), 'https://acme.slack.com/archives/C1/p1')).toBe(
      '*Jane Doe* finished a behavioral interview: *3.4/5 · Solid* (partial) · <https://acme.slack.com/archives/C1/p1|open the thread>',
    );
  });
});
