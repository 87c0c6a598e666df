import { describe, expect, test } from 'vitest';
import { splitText, truncate } from '../../src/render/split-text.ts';

/** Small deterministic generator so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function randomText(seed: number): string {
  const r = rng(seed);
  const vocab = ['the', 'rollback', 'p99', 'latency', 'we', 'I', 'owned', 'migration', '42%', 'supercalifragilisticexpialidocious', '😀', 'naïve', '**bold**'];
  const out: string[] = [];
  const n = 50 + Math.floor(r() * 900);
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.04) out.push('\n\n');
    else if (x < 0.09) out.push('\n> ');
    else if (x < 0.13) out.push('\n- ');
    else if (x < 0.135) out.push('x'.repeat(20 + Math.floor(r() * 300))); // a "word" longer than small limits
    else out.push(vocab[Math.floor(r() * vocab.length)]! + ' ');
  }
  return out.join('');
}

/** Words in order, ignoring whitespace and the quote markers the splitter may repeat. */
const words = (s: string) => s.split(/\s+/).filter((w) => w && w !== '>');

describe('splitText', () => {
  test('short text comes back whole; empty text gives no chunks', () => {
    expect(splitText('hello world', 2000)).toEqual(['hello world']);
    expect(splitText('   \n ', 2000)).toEqual([]);
  });

  test('never exceeds the limit and loses no text (random texts, Discord and Slack limits)', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const text = randomText(seed);
      for (const max of [40, 97, 256, 1024, 2000, 3000]) {
        const chunks = splitText(text, max);
        for (const c of chunks) expect(c.length).toBeLessThanOrEqual(max);
        // Words cut only when longer than the limit: rejoining hard-cut pieces must give the original words.
        const got = chunks.join('\u0000');
        const joinedWords = words(got.replace(/\u0000/g, ' '));
        if (!/x{37,}/.test(text)) expect(joinedWords).toEqual(words(text));
        else expect(got.replace(/\u0000|\s|>/g, '')).toBe(text.replace(/\s|>/g, ''));
      }
    }
  });

  test('prefers paragraph breaks, then line breaks, over breaking a line', () => {
    const para = (c: string) => `${c.repeat(30)} ${c.repeat(30)}`;
    const text = [para('a'), para('b'), para('c')].join('\n\n');
    expect(splitText(text, 130)).toEqual([`${para('a')}\n\n${para('b')}`, para('c')]);
    const lines = ['one line of text here', 'second line of text', 'third line of text'].join('\n');
    expect(splitText(lines, 45)).toEqual(['one line of text here\nsecond line of text', 'third line of text']);
  });

  test('does not break words', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi';
    for (const c of splitText(text, 40)) {
      for (const w of c.split(' ')) expect(text.split(' ')).toContain(w);
    }
  });

  test('a quote line cut mid-line stays a quote in the next chunk', () => {
    const quote = `> "${'we moved the billing service to the new cluster and '.repeat(6)}"`;
    const chunks = splitText(`Intro line.\n${quote}`, 120);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks.slice(1)) expect(c.startsWith('> ')).toBe(true);
  });

  test('a code block cut in two is closed and reopened', () => {
    const code = '```ts\n' + Array.from({ length: 30 }, (_, i) => `const value${i} = compute(${i});`).join('\n') + '\n```';
    const chunks = splitText(code, 200);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(200);
      expect((c.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(chunks[1]!.startsWith('```ts\n')).toBe(true);
  });

  test('a word longer than the limit is cut, but never inside an emoji', () => {
    const chunks = splitText('😀'.repeat(50), 41);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(41);
      expect(c).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(chunks.join('')).toBe('😀'.repeat(50));
  });

  test('rejects limits too small to be meaningful', () => {
    expect(() => splitText('x', 10)).toThrow(RangeError);
  });
});

describe('truncate', () => {
  test('cuts at a word boundary with an ellipsis, within the limit', () => {
    const t = truncate('the quick brown fox jumps over the lazy dog', 20);
    expect(t.length).toBeLessThanOrEqual(20);
    expect(t).toBe('the quick brown fox…');
    expect(truncate('short', 20)).toBe('short');
  });
});
