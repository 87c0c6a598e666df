import { z } from 'zod';
import type { HistoryEntry } from '../../engine/store/session-store.ts';
import { INTERVIEW_TYPES } from '../../engine/types.ts';
import { TokenQuery } from '../schemas.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// Forms send empty fields for "any"; those mean no filter.
const blank = (s: unknown) => (s === '' ? undefined : s);
const day = z.preprocess(blank, z.string().regex(DAY, 'Use a date like 2026-03-31').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'Not a calendar date').optional());

export const DashboardFilterQuery = TokenQuery.extend({
  type: z.preprocess(blank, z.enum(INTERVIEW_TYPES).optional()).describe('Only this interview type.'),
  role: z.preprocess(blank, z.string().max(120).optional()).describe('Only this role (exact, case-insensitive).'),
  from: day.describe('Only interviews on or after this day (UTC), YYYY-MM-DD.'),
  to: day.describe('Only interviews on or before this day (UTC), YYYY-MM-DD.'),
});

export type DashboardFilter = z.infer<typeof DashboardFilterQuery>;

export const isFiltered = (f: DashboardFilter) => !!(f.type || f.role || f.from || f.to);

/** The interviews a filter keeps; dates compare the day an interview finished (or started, while in progress). */
export function applyFilter(history: HistoryEntry[], f: DashboardFilter): HistoryEntry[] {
  const from = f.from ? Date.parse(`${f.from}T00:00:00Z`) : -Infinity;
  const to = f.to ? Date.parse(`${f.to}T00:00:00Z`) + 86_400_000 : Infinity;
  const role = f.role?.trim().toLowerCase();
  return history.filter((e) => {
    const at = e.finishedAt ?? e.startedAt;
    return (!f.type || e.type === f.type) && (!role || e.role.toLowerCase() === role) && at >= from && at < to;
  });
}
