import { expect, test } from 'vitest';
import { analyzeAnswer } from '../../src/engine/offline/analyze.ts';

test('STAR parts are recognised in everyday phrasing', () => {
  const a = analyzeAnswer('In my last role a customer escalated about slow exports. I owned the fix: I profiled the query and moved the export to a background job. Export time went from 4 minutes to 8 seconds and the customer renewed.');
  expect(a.star.situation).toMatch(/In my last role/);
  expect(a.star.action).toMatch(/I profiled/);
  expect(a.star.result).toMatch(/went from 4 minutes/);
  expect(a.numbers.length).toBeGreaterThanOrEqual(2);
});

test('an answer without the candidate acting has no action part', () => {
  const a = analyzeAnswer('The team had a hard quarter. Things got better eventually and everyone was happy.');
  expect(a.star.action).toBeNull();
});
