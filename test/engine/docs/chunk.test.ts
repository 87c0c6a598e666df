import { describe, expect, test } from 'vitest';
import { chunkCitation, chunkDocument, formatLineRange } from '../../../src/engine/docs/chunk.ts';
import { parsedFromText } from '../../../src/engine/docs/parse.ts';
import { fixtureText, RESUME_TXT } from './make-files.ts';

const resume = parsedFromText(fixtureText(RESUME_TXT), { filename: 'resume.pdf', kind: 'resume' });

describe('chunking', () => {
  test('chunks stay under the size limit and their text is exactly the cited lines', () => {
    const chunks = chunkDocument(resume, { maxChars: 300, overlap: 80 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(300);
      const cited = resume.lines.slice(c.lineStart - 1, c.lineEnd).filter((l) => l !== '');
      expect(c.text).toBe(cited.join('\n'));
      expect(c).toMatchObject({ docId: resume.id, source: 'resume.pdf', kind: 'resume', id: `${resume.id}#${c.index}` });
    }
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
  });

  test('every non-blank line is in some chunk, and neighbouring chunks within a section overlap', () => {
    const chunks = chunkDocument(resume, { maxChars: 300, overlap: 150 });
    resume.lines.forEach((line, i) => {
      if (line === '') return;
      expect(chunks.some((c) => c.lineStart <= i + 1 && i + 1 <= c.lineEnd), `line ${i + 1}`).toBe(true);
    });
    const overlapping = chunks.slice(1).filter((c, i) => c.lineStart <= chunks[i]!.lineEnd);
    expect(overlapping.length).toBeGreaterThan(0);
  });

  test('without overlap no line is repeated', () => {
    const chunks = chunkDocument(resume, { maxChars: 300, overlap: 0 });
    chunks.slice(1).forEach((c, i) => expect(c.lineStart).toBeGreaterThan(chunks[i]!.lineEnd));
  });

  test('a single line longer than the limit is split into pieces that all cite that line', () => {
    const long = parsedFromText(`Header\n${'payments reconciliation '.repeat(60).trim()}`, { filename: 'a.txt', kind: 'resume' });
    const chunks = chunkDocument(long, { maxChars: 200, overlap: 0 });
    const pieces = chunks.filter((c) => c.lineStart === 2 && c.lineEnd === 2);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) expect(p.text.length).toBeLessThanOrEqual(200);
    expect(pieces.map((p) => p.text).join(' ')).toBe(long.lines[1]);
  });

  test('defaults give chunks of at most 600 characters', () => {
    for (const c of chunkDocument(resume)) expect(c.text.length).toBeLessThanOrEqual(600);
  });

  test('citations read the way a question would quote them', () => {
    expect(formatLineRange('resume.pdf', 12, 14)).toBe('resume.pdf lines 12-14');
    expect(formatLineRange('resume.pdf', 4, 4)).toBe('resume.pdf line 4');
    const [first] = chunkDocument(resume);
    expect(chunkCitation(first!)).toEqual({ source: 'resume.pdf', lineStart: first!.lineStart, lineEnd: first!.lineEnd, quote: first!.text });
  });
});
