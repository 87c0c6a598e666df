import { instructionLines } from '../docs/injection.ts';
import type { ParsedDocument } from '../docs/types.ts';

/**
 * A document with every line that reads as an instruction to a model taken out before any rule
 * or retrieval looks at it. Removing (rather than blanking) the lines means the facts, the chunks
 * and therefore every selection are exactly those of the same document without the lines; only
 * the line numbers cited back to the user are the original ones.
 */
export interface CleanDoc {
  original: ParsedDocument;
  /** Same id, filename and kind; `lines` without the flagged lines. */
  clean: ParsedDocument;
  /** `toOriginal[n - 1]` is the original line number of clean line n. */
  toOriginal: number[];
  /** Original line numbers of the lines that were taken out. */
  flagged: number[];
}

export function cleanDocument(doc: ParsedDocument): CleanDoc {
  const flagged = instructionLines(doc.lines);
  const skip = new Set(flagged);
  const lines: string[] = [];
  const toOriginal: number[] = [];
  doc.lines.forEach((l, i) => {
    if (skip.has(i + 1)) return;
    lines.push(l);
    toOriginal.push(i + 1);
  });
  const clean: ParsedDocument = { ...doc, lines, text: lines.join('\n') };
  return { original: doc, clean, toOriginal, flagged };
}

/** Original line number of a clean line (1-based in, 1-based out). */
export function originalLine(d: CleanDoc, cleanLine: number): number {
  return d.toOriginal[cleanLine - 1] ?? cleanLine;
}

/** Text of an original line, trimmed; '' when out of range. */
export function lineText(doc: ParsedDocument, line: number): string {
  return (doc.lines[line - 1] ?? '').trim();
}
