import type { Report } from '../types.ts';
import { scoringNote } from './method.ts';

const TYPE_LABEL: Record<Report['type'], string> = { screening: 'Screening', behavioral: 'Behavioral', technical: 'Technical', customize: 'Customized' };

export function scoreText(score: number | null): string {
  return score === null ? '–' : `${score.toFixed(1)}/5`;
}

/** The report as Markdown for chat surfaces and the terminal. */
export function renderReportMarkdown(r: Report): string {
  const lines: string[] = [];
  const who = r.userName ? ` for ${r.userName}` : '';
  lines.push(`## ${TYPE_LABEL[r.type]} interview feedback${who}`);
  lines.push('');
  lines.push(`**Overall: ${r.overall.score === null ? r.overall.label : `${scoreText(r.overall.score)} · ${r.overall.label}`}**` + (r.partial ? ' (partial interview)' : ''));
  lines.push(`Coverage: ${Math.round(r.coverage * 100)}% of questions answered · ${r.durationMinutes} min · role: ${r.role} (${r.level})`);
  lines.push(`_${scoringNote(r.scoring)}_`);
  lines.push('');
  lines.push(r.summary);
  if (r.strengths.length) {
    lines.push('', '**Strengths**', ...r.strengths.map((s) => `- ${s}`));
  }
  if (r.improvements.length) {
    lines.push('', '**To improve**', ...r.improvements.map((s) => `- ${s}`));
  }
  lines.push('', '**Questions**');
  r.questions.forEach((q, i) => {
    const status = q.status === 'answered' ? scoreText(q.score) : q.status;
    lines.push(`${i + 1}. ${q.question} — **${status}**${q.heuristic || q.status !== 'answered' ? '' : ` (${q.scoredBy})`}`);
    for (const ref of q.source?.refs ?? []) lines.push(`   - about ${ref.source} lines ${ref.lineStart}-${ref.lineEnd}: "${ref.quote}"`);
    if (q.cappedBecause) lines.push(`   - Why this score: ${q.cappedBecause}`);
    for (const e of q.evidence.slice(0, 2)) lines.push(`   > "${e}"`);
    for (const s of q.improvements.filter((x) => x !== q.cappedBecause).slice(0, 1)) lines.push(`   - Next time: ${s}`);
    if (q.strongAnswer && q.status !== 'unanswered') lines.push(`   - ${q.strongAnswer}`);
  });
  if (r.competencies.length) {
    lines.push('', '**By competency**', ...r.competencies.map((c) => `- ${c.competency.replace(/-/g, ' ')}: ${scoreText(c.score)}`));
  }
  if (r.modeNotes.length) lines.push('', ...r.modeNotes.map((n) => `_${n}_`));
  if (r.usage.calls && r.usage.inputTokens) {
    lines.push(`_Model usage: ${r.usage.inputTokens} tokens in, ${r.usage.outputTokens} out, about $${r.usage.costUsd.toFixed(4)}._`);
  }
  return lines.join('\n');
}
