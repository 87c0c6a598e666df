import type { RubricItem, RubricScore } from '../types.ts';

export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const clamp = (x: number, lo = 0, hi = 1): number => Math.max(lo, Math.min(hi, x));

/**
 * The question score from its rubric item scores: the weighted mean, rounded to one
 * decimal and kept within 0-5. The rules and the model path both use this one formula,
 * so the same item scores always give the same question score.
 */
export function weightedMean(rubric: readonly RubricItem[], items: readonly Pick<RubricScore, 'score'>[]): number {
  const weight = rubric.reduce((s, r) => s + r.weight, 0) || 1;
  const total = rubric.reduce((s, r, i) => s + r.weight * (items[i]?.score ?? 0), 0) / weight;
  return round1(clamp(total, 0, 5));
}
