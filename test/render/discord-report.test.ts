import { describe, expect, test } from 'vitest';
import { escapeDiscord } from '../../src/render/chat-escape.ts';
import { DISCORD_LIMITS, type DiscordEmbed, discordReportMessages, discordReportPayloads, discordSummaryLine, embedLength } from '../../src/render/discord-report.ts';
import { longReport, notEnoughReport, sampleReport } from './fixtures.ts';

function expectWithinLimits(messages: { embeds: DiscordEmbed[] }[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.embeds.length).toBeGreaterThan(0);
    expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    expect(m.embeds.reduce((s, e) => s + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    for (const e of m.embeds) {
      expect(embedLength(e)).toBeGreaterThan(0); // Discord rejects empty embeds
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
      expect(e.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeGreaterThan(0);
        expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
        expect(f.value.trim().length).toBeGreaterThan(0);
        expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
    }
  }
}

const allText = (messages: { embeds: DiscordEmbed[] }[]) =>
  messages.flatMap((m) => m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])).join('\n');

describe('Discord report', () => {
  test('a normal report fits in one message: overview with chart, then questions', () => {
    const msgs = discordReportMessages(sampleReport(), { threadUrl: 'https://discord.com/channels/1/2' });
    expectWithinLimits(msgs);
    expect(msgs).toHaveLength(1);
    const [overview, questions] = msgs[0]!.embeds;
    expect(msgs[0]!.attachmentName).toBe('scores.png');
    expect(overview!.image).toEqual({ url: 'attachment://scores.png' });
    expect(overview!.title).toBe('Behavioral interview feedback for Jane Doe');
    expect(overview!.url).toBe('https://discord.com/channels/1/2');
    expect(overview!.color).toBe(0x2563eb);
    expect(overview!.description).toContain('**Overall: 3.4/5 · Solid**');
    expect(overview!.description).toContain('heuristic rules');
    expect(overview!.fields!.map((f) => f.name)).toEqual(['Strengths', 'To improve', 'By competency']);
    expect(overview!.footer!.text).toContain('Offline mode');
    expect(questions!.title).toBe('Questions');
    expect(questions!.fields!.map((f) => f.name)).toEqual([
      'Q1 · 2.0/5 · Communication',
      'Q2 · 2.8/5 · Problem solving',
      'Q3 · 3.6/5 · Ownership',
      'Q4 · 4.4/5 · Teamwork',
      'Q5 · 2.0/5 · Communication',
      'Q6 · skipped · Problem solving',
    ]);
    expect(questions!.fields![0]!.value).toContain('> "We cut the deploy time from 40 to 12 minutes');
    expect(questions!.fields![0]!.value).toContain('**Next time:** Say what you personally did');
  });

  test('10 questions with very long evidence: every limit holds, content continues instead of being cut', () => {
    const report = longReport();
    const msgs = discordReportMessages(report, { threadUrl: 'https://discord.com/channels/1/2' });
    expectWithinLimits(msgs);
    expect(msgs.length).toBeGreaterThan(1);
    expect(msgs.filter((m) => m.attachmentName)).toHaveLength(1);
    const text = allText(msgs);
    for (let i = 1; i <= 10; i++) expect(text).toContain(`Q${i} · `);
    // Every strength and improvement bullet survives the splitting, whole.
    for (const s of [...report.strengths, ...report.improvements]) expect(text).toContain(escapeDiscord(s));
    // The whole summary is there across description chunks.
    const summaryWords = report.summary.split(/\s+/).length;
    const descWords = msgs.flatMap((m) => m.embeds.map((e) => e.description ?? '')).join(' ').split(/\s+/).length;
    expect(descWords).toBeGreaterThanOrEqual(summaryWords);
  });

  test('user text cannot ping or inject Markdown', () => {
    const msgs = discordReportMessages(longReport());
    const text = allText(msgs);
    expect(text).not.toMatch(/@everyone/);
    expect(text).not.toMatch(/(?<!\\)<@U123>/);
    // Footers show plain text (no Markdown there); everywhere else formatting characters are escaped.
    const footers = msgs.flatMap((m) => m.embeds.map((e) => e.footer?.text ?? ''));
    const marked = footers.reduce((t, f) => (f ? t.replace(f, '') : t), text);
    expect(marked).toContain('\\*\\*bold\\*\\*');
    expect(marked).not.toMatch(/(?<!\\)\*\*bold/);
    expect(escapeDiscord('1. first\n- item\n# head')).toBe('1\\. first\n\\- item\n\\# head');
  });

  test('not enough to judge: grey, says so, chart still attached', () => {
    const msgs = discordReportMessages(notEnoughReport());
    expectWithinLimits(msgs);
    const e = msgs[0]!.embeds[0]!;
    expect(e.color).toBe(0x6b7280);
    expect(e.description).toContain('**Overall: Not enough to judge**');
    expect(msgs[0]!.attachmentName).toBe('scores.png');
  });

  test('without a chart no image is referenced', () => {
    const msgs = discordReportMessages(sampleReport(), { chart: false });
    expect(msgs[0]!.attachmentName).toBeUndefined();
    expect(msgs[0]!.embeds[0]!.image).toBeUndefined();
  });

  test('payloads attach the PNG to the first message only and disable mentions', () => {
    const png = Buffer.from('png');
    const payloads = discordReportPayloads(longReport(), png);
    expect(payloads[0]!.files).toEqual([{ attachment: png, name: 'scores.png' }]);
    for (const p of payloads.slice(1)) expect(p.files).toBeUndefined();
    for (const p of payloads) expect(p.allowedMentions).toEqual({ parse: [] });
  });

  test('summary line: type, score and band, link; escaped and short', () => {
    const line = discordSummaryLine(sampleReport({ partial: true }), 'https://discord.com/channels/1/2/3');
    expect(line).toBe('**Jane Doe** finished a behavioral interview: **3.4/5 · Solid** (partial) · [open the thread](https://discord.com/channels/1/2/3)');
    const nasty = discordSummaryLine(sampleReport({ userName: '@everyone *x*' + 'y'.repeat(3000) }), 'javascript:alert(1)');
    expect(nasty.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(nasty).not.toContain('@everyone');
    expect(nasty).not.toContain('javascript:');
    expect(nasty).toContain('\\*x\\*');
  });
});
