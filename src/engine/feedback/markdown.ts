import { PHRASES } from '../i18n/phrases.ts';
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
  // Headings in the interview's language; the model wrote the summary and advice in it already.
  const p = r.language && r.language !== 'en' ? PHRASES[r.language] : undefined;
  const h = p?.report ?? { overall: 'Overall', strengths: 'Strengths', improve: 'To improve', questions: 'Questions', byCompetency: 'By competency', nextTime: 'Next time', partial: 'partial interview' };
  const comp = (id: string) => r.competencyLabels?.[id] ?? id.replace(/-/g, ' ');
  lines.push(`## ${p ? p.report.title(p.types[r.type], r.userName) : `${TYPE_LABEL[r.type]} interview feedback${who}`}`);
  lines.push('');
  lines.push(`**${h.overall}: ${r.overall.score === null ? r.overall.label : `${scoreText(r.overall.score)} · ${r.overall.label}`}**` + (r.partial ? ` (${h.partial})` : ''));
  lines.push(`Coverage: ${Math.round(r.coverage * 100)}% of questions answered · ${r.durationMinutes} min · role: ${r.role} (${r.level})`);
  lines.push(`_${scoringNote(r.scoring)}_`);
  lines.push('');
  lines.push(r.summary);
  if (r.strengths.length) {
    lines.push('', `**${h.strengths}**`, ...r.strengths.map((s) => `- ${s}`));
  }
  if (r.improvements.length) {
    lines.push('', `**${h.improve}**`, ...r.improvements.map((s) => `- ${s}`));
  }
  lines.push('', `**${h.questions}**`);
  r.questions.forEach((q, i) => {
    const status = q.status === 'answered' ? scoreText(q.score) : q.status;
    lines.push(`${i + 1}. ${q.question} — **${status}**${q.heuristic || q.status !== 'answered' ? '' : ` (${q.scoredBy})`}`);
    for (const ref of q.source?.refs ?? []) lines.push(`   - about ${ref.source} lines ${ref.lineStart}-${ref.lineEnd}: "${ref.quote}"`);
    if (q.cappedBecause) lines.push(`   - Why this score: ${q.cappedBecause}`);
    for (const e of q.evidence.slice(0, 2)) lines.push(`   > "${e}"`);
    for (const s of q.improvements.filter((x) => x !== q.cappedBecause).slice(0, 1)) lines.push(`   - ${h.nextTime}: ${s}`);
    if (q.strongAnswer && q.status !== 'unanswered') lines.push(`   - ${q.strongAnswer}`);
  });
  if (r.competencies.length) {
    lines.push('', `**${h.byCompetency}**`, ...r.competencies.map((c) => `- ${comp(c.competency)}: ${scoreText(c.score)}`));
  }
  if (r.modeNotes.length) lines.push('', ...r.modeNotes.map((n) => `_${n}_`));
  if (r.usage.calls && r.usage.inputTokens) {
    lines.push(`_Model usage: ${r.usage.inputTokens} tokens in, ${r.usage.outputTokens} out, about $${r.usage.costUsd.toFixed(4)}._`);
  }
  return lines.join('\n');
}
