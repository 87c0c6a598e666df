import type { Report } from '../engine/types.ts';

export const TYPE_LABEL: Record<Report['type'], string> = {
  screening: 'Screening',
  behavioral: 'Behavioral',
  technical: 'Technical',
  customize: 'Customized',
};

/** "problem-solving" -> "Problem solving": competencies are ids in the bank; `labels` holds names in the report's language. */
export function competencyName(id: string, labels?: Record<string, string>): string {
  const named = labels?.[id];
  if (named) return named[0]!.toLocaleUpperCase() + named.slice(1);
  const s = id.replace(/[-_]+/g, ' ').trim();
  return s ? s[0]!.toUpperCase() + s.slice(1) : id;
}

/** "3.4/5", or the band label when there is no score to show. */
export function overallText(r: Report): string {
  return r.overall.score === null ? r.overall.label : `${r.overall.score.toFixed(1)}/5 · ${r.overall.label}`;
}

export function questionCountText(r: Report): string {
  const answered = r.questions.filter((q) => q.status === 'answered').length;
  return `${answered} of ${r.questions.length} answered`;
}
