import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbedBuilder, embedLength } from 'discord.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderReportMarkdown } from '../../src/engine/feedback/markdown.ts';
import type { Report } from '../../src/engine/types.ts';
import { escapeDiscord, escapeSlack } from '../../src/render/chat-escape.ts';
import { DISCORD_LIMITS, type DiscordEmbed, discordReportMessages } from '../../src/render/discord-report.ts';
import { shortenStrongAnswer } from '../../src/render/report-blocks.ts';
import { SLACK_LIMITS, type SlackBlock, slackReportBlocks } from '../../src/render/slack-report.ts';
import { renderForTerminal } from '../../src/terminal/markdown.ts';
import { LONG_ANSWER, longCustomizeReport, modelScoredReport, offTopicReport } from './engine-reports.ts';
import { longReport } from './fixtures.ts';

const OLD_METHOD = /structure, specifics, numbers, length/;

/** The Discord field(s) of question n, joined: "(cont.)" fields belong to the question before them. */
function discordQuestion(messages: { embeds: DiscordEmbed[] }[], n: number): { fields: number; value: string } {
  const fields = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? [])).filter((f) => f.name.startsWith(`Q${n} · `));
  return { fields: fields.length, value: fields.map((f) => f.value).join('\n') };
}

const slackTexts = (blocks: SlackBlock[]) =>
  blocks.flatMap((b) => (b.type === 'section' ? [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)] : b.type === 'context' ? b.elements.map((e) => e.text) : b.type === 'header' ? [b.text.text] : []));

/** The Slack text of question n: from its "*Qn · " line up to the next question's. */
function slackQuestion(blocks: SlackBlock[], n: number): string {
  const all = slackTexts(blocks).join('\n\n');
  const start = all.indexOf(`*Q${n} · `);
  if (start < 0) return '';
  const next = all.indexOf(`*Q${n + 1} · `, start);
  return all.slice(start, next < 0 ? undefined : next);
}

/** Discord's own validators (discord.js builders) accept every embed, and each message stays within 6000 characters and 10 embeds. */
function expectDiscordAccepts(messages: { embeds: DiscordEmbed[] }[]): void {
  for (const m of messages) {
    expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    for (const e of m.embeds) {
      const b = new EmbedBuilder();
      if (e.title) b.setTitle(e.title);
      if (e.description) b.setDescription(e.description);
      if (e.footer) b.setFooter(e.footer);
      if (e.fields) b.addFields(...e.fields); // throws past 25 fields, 256 per name or 1024 per value
    }
    expect(m.embeds.reduce((s, e) => s + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.total);
  }
}

function expectSlackWithinLimits(blocks: SlackBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
}

describe('an off-topic answer, as the candidate sees it on every surface', () => {
  let report: Report;
  beforeAll(async () => {
    report = await offTopicReport();
  });

  test('the engine capped the first question and wrote a strong-answer line for it', () => {
    const q = report.questions[0]!;
    expect(q.score).toBeLessThanOrEqual(2);
    expect(q.cappedBecause).toMatch(/about something else/);
    expect(q.strongAnswer).toMatch(/^For a strong answer, you would /);
  });

  test('Discord: the question says why the score was capped, once, and what a strong answer would do', () => {
    const msgs = discordReportMessages(report);
    expectDiscordAccepts(msgs);
    const q = report.questions[0]!;
    const { value } = discordQuestion(msgs, 1);
    expect(value).toContain(`**Why this score:** ${escapeDiscord(q.cappedBecause!)}`);
    expect(value).toContain(`*${escapeDiscord(q.strongAnswer!)}*`);
    expect(value.split(escapeDiscord(q.cappedBecause!)).length - 1).toBe(1);
    // Every question that was put to the candidate gets its strong-answer line.
    report.questions.forEach((rq, i) => {
      if (rq.strongAnswer) expect(discordQuestion(msgs, i + 1).value).toContain(escapeDiscord(rq.strongAnswer));
    });
    const overview = msgs[0]!.embeds[0]!.description!;
    expect(overview).toContain('whether it answered the question');
    expect(overview).not.toMatch(OLD_METHOD);
  });

  test('Slack: the same reason and strong-answer line in the question section, and the current method text', () => {
    const blocks = slackReportBlocks(report);
    expectSlackWithinLimits(blocks);
    const q = report.questions[0]!;
    const text = slackQuestion(blocks, 1);
    expect(text).toContain(`*Why this score:* ${escapeSlack(q.cappedBecause!)}`);
    expect(text).toContain(escapeSlack(q.strongAnswer!));
    expect(text.split(escapeSlack(q.cappedBecause!)).length - 1).toBe(1);
    const notes = slackTexts(blocks.filter((b) => b.type === 'context')).join(' ');
    expect(notes).toContain('whether it answered the question');
    expect(notes).not.toMatch(OLD_METHOD);
  });

  test('terminal: the drawn report shows the reason and the strong-answer line', () => {
    const drawn = renderForTerminal(renderReportMarkdown(report), { width: 80, colour: false }).replace(/\s+/g, ' ');
    const q = report.questions[0]!;
    expect(drawn).toContain(`Why this score: ${q.cappedBecause}`);
    expect(drawn).toContain(q.strongAnswer!);
    expect(drawn).toContain('whether it answered the question');
  });
});

describe('a model-scored report, with the rules covering an answer the model could not score', () => {
  let report: Report;
  beforeAll(async () => {
    report = await modelScoredReport();
  });
  const MIXED = 'Scored by gemini/gemini-2.5-flash; answers no model could score were scored by the built-in heuristic rules';

  test('the model-scored off-topic answer is capped with its reason on Discord, Slack and the terminal', () => {
    const q = report.questions[0]!;
    expect(q.scoredBy).toBe('gemini/gemini-2.5-flash');
    expect(q.cappedBecause).toMatch(/about something else/);
    const msgs = discordReportMessages(report);
    expectDiscordAccepts(msgs);
    const field = msgs.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? [])).find((f) => f.name.startsWith('Q1 · '))!;
    expect(field.name).toContain('(gemini/gemini-2.5-flash)');
    expect(field.value).toContain(`**Why this score:** ${escapeDiscord(q.cappedBecause!)}`);
    expect(field.value).toContain(escapeDiscord(q.strongAnswer!));
    expect(msgs[0]!.embeds[0]!.description).toContain(MIXED);

    const blocks = slackReportBlocks(report);
    expect(slackQuestion(blocks, 1)).toContain(`*Why this score:* ${escapeSlack(q.cappedBecause!)}`);
    expect(slackQuestion(blocks, 1)).toContain(escapeSlack(q.strongAnswer!));
    expect(slackTexts(blocks.filter((b) => b.type === 'context')).join(' ')).toContain(MIXED);

    expect(renderForTerminal(renderReportMarkdown(report), { width: 80, colour: false }).replace(/\s+/g, ' ')).toContain(MIXED);
  });
});

describe('a 10-question customize interview with long answers', () => {
  let dir: string;
  let report: Report;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-lines-'));
    report = await longCustomizeReport(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('Discord: every limit holds, and each question is one whole field with its strong-answer line', () => {
    expect(report.questions).toHaveLength(10);
    const msgs = discordReportMessages(report);
    expectDiscordAccepts(msgs);
    report.questions.forEach((q, i) => {
      const { fields, value } = discordQuestion(msgs, i + 1);
      expect(fields).toBe(1);
      expect(value).toContain(escapeDiscord(q.strongAnswer!));
      if (q.cappedBecause) expect(value).toContain(escapeDiscord(q.cappedBecause));
    });
  });

  test('Slack: within 50 blocks and 3000 characters a section, each question with its strong-answer line', () => {
    const blocks = slackReportBlocks(report, { chart: { slackFileId: 'F1' } });
    expectSlackWithinLimits(blocks);
    report.questions.forEach((q, i) => {
      const text = slackQuestion(blocks, i + 1);
      expect(text).toContain(escapeSlack(q.strongAnswer!));
      if (q.cappedBecause) expect(text).toContain(escapeSlack(q.cappedBecause));
    });
    expect(slackTexts(blocks).join(' ')).not.toContain('Report shortened');
  });

  test('quoted evidence ends on a whole word of what the candidate said', () => {
    // Every message the candidate sent: a follow-up is answered with the next long answer.
    const answers = Array.from({ length: 60 }, (_, i) => LONG_ANSWER(i + 1)).join('\n');
    const cut = report.questions.flatMap((q) => q.evidence).filter((e) => e.endsWith('…'));
    expect(cut.length).toBeGreaterThan(0);
    for (const e of cut) {
      const shown = e.slice(0, -1);
      const at = answers.indexOf(shown);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(answers[at + shown.length]).toMatch(/[\s,.;:]/);
    }
  });
});

describe('reports too long for one field degrade by dropping the least useful parts first', () => {
  const report = longReport();
  const strong = 'For a strong answer, you would describe the situation before the change and why it mattered; explain what you did yourself, step by step; say how you measured the result and over what period; and reflect on what you would do differently next time, and why.';
  report.questions.forEach((q) => {
    q.cappedBecause = 'This answer listed tools and terms without explaining how they work, so the score is capped at 2.';
    q.strongAnswer = strong;
  });

  test('Discord keeps the reason and the strong-answer line in one field per question, within every limit', () => {
    const msgs = discordReportMessages(report);
    expectDiscordAccepts(msgs);
    for (let n = 1; n <= 10; n++) {
      const { fields, value } = discordQuestion(msgs, n);
      expect(fields).toBe(1);
      expect(value).toContain(`**Why this score:** ${report.questions[0]!.cappedBecause}`);
      expect(value).toContain('For a strong answer, you would describe the situation before the change and why it mattered;');
    }
  });

  test('Slack keeps them too, within every limit', () => {
    const blocks = slackReportBlocks(report);
    expectSlackWithinLimits(blocks);
    for (let n = 1; n <= 10; n++) expect(slackQuestion(blocks, n)).toContain('*Why this score:* This answer listed tools');
  });

  test('Slack: a report too long for one message leaves out whole questions from the end, says how many, and keeps how it was scored', () => {
    const huge = longReport();
    huge.scoring = { heuristic: true, providers: ['heuristic'] };
    huge.questions = Array.from({ length: 80 }, (_, i) => ({ ...report.questions[i % 10]!, id: `q${i}` }));
    const blocks = slackReportBlocks(huge);
    expectSlackWithinLimits(blocks);
    const all = slackTexts(blocks).join('\n');
    const shown = huge.questions.filter((_, i) => all.includes(`*Q${i + 1} · `)).length;
    expect(shown).toBeGreaterThan(5);
    // The shown questions are the first ones, each whole (its strong-answer line included).
    for (let n = 1; n <= shown; n++) expect(slackQuestion(blocks, n)).toContain('For a strong answer, you would describe the situation');
    expect(all).toContain(`${80 - shown} more questions are in the full report on the dashboard`);
    expect(all).toContain('*Strengths*');
    expect(all).toContain('*To improve*');
    expect(all).toContain('whether it answered the question');
  });

  test('a long strong-answer line keeps whole items, most important first, and marks the rest as left out', () => {
    const short = shortenStrongAnswer(strong, 150);
    expect(short.length).toBeLessThanOrEqual(150);
    expect(short).toBe('For a strong answer, you would describe the situation before the change and why it mattered; explain what you did yourself, step by step; …');
    expect(shortenStrongAnswer(strong, 1000)).toBe(strong);
  });
});
