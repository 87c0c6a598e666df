import { expect, test } from 'vitest';
test('node is new enough for the chosen packages', () => {
  const [major, minor] = process.versions.node.split('.').map(Number);
  expect(major! > 22 || (major === 22 && minor! >= 19)).toBe(true);
});
