import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one family every chart uses; the files ship in assets/fonts so output is identical on any host. */
export const FONT_FAMILY = 'DejaVu Sans';

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

let fontDir: string | undefined;

/**
 * Finds assets/fonts by walking up from this module, so it works from src/ (type stripping)
 * and from a compiled dist/ tree alike. CHART_FONT_DIR overrides it for unusual layouts.
 */
export function fontDirectory(): string {
  if (fontDir) return fontDir;
  const override = process.env.CHART_FONT_DIR;
  if (override && existsSync(join(override, FILES.regular))) return (fontDir = override);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, FILES.regular))) return (fontDir = candidate);
    dir = dirname(dir);
  }
  throw new Error(`chart fonts not found: expected assets/fonts/${FILES.regular} above ${fileURLToPath(import.meta.url)}`);
}

export function fontFiles(): string[] {
  const dir = fontDirectory();
  return [join(dir, FILES.regular), join(dir, FILES.bold)];
}

interface Metrics {
  unitsPerEm: number;
  advanceOf(codePoint: number): number;
}

/**
 * Reads advance widths straight from the TrueType tables (head, hhea, hmtx, cmap format 4),
 * so labels can be measured and truncated exactly as resvg will draw them, without a DOM.
 * Kerning is ignored: it changes widths by a pixel or two, well inside the margins used.
 */
function parseMetrics(buf: Buffer): Metrics {
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const table = (tag: string): number => {
    const off = tables.get(tag);
    if (off === undefined) throw new Error(`font has no ${tag} table`);
    return off;
  };
  const unitsPerEm = buf.readUInt16BE(table('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const advanceOfGlyph = (g: number) => buf.readUInt16BE(hmtx + 4 * Math.min(g, numberOfHMetrics - 1));

  const cmap = table('cmap');
  let sub = -1;
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const off = cmap + buf.readUInt32BE(rec + 4);
    if (buf.readUInt16BE(off) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) {
      sub = off;
      break;
    }
  }
  if (sub < 0) throw new Error('font has no Unicode BMP cmap');
  const segCount = buf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;

  const glyphOf = (c: number): number => {
    if (c > 0xffff) return 0;
    for (let i = 0; i < segCount; i++) {
      if (buf.readUInt16BE(ends + 2 * i) < c) continue;
      const start = buf.readUInt16BE(starts + 2 * i);
      if (start > c) return 0;
      const delta = buf.readUInt16BE(deltas + 2 * i);
      const ro = buf.readUInt16BE(rangeOffsets + 2 * i);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = buf.readUInt16BE(rangeOffsets + 2 * i + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };

  const cache = new Map<number, number>();
  return {
    unitsPerEm,
    advanceOf(c) {
      let w = cache.get(c);
      if (w === undefined) {
        w = advanceOfGlyph(glyphOf(c));
        cache.set(c, w);
      }
      return w;
    },
  };
}

const loaded: { regular?: Metrics; bold?: Metrics } = {};

function metrics(bold: boolean): Metrics {
  const key = bold ? 'bold' : 'regular';
  return (loaded[key] ??= parseMetrics(readFileSync(join(fontDirectory(), FILES[key]))));
}

/** Width in px of `text` set in DejaVu Sans at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  const m = metrics(bold);
  let units = 0;
  for (const ch of text) units += m.advanceOf(ch.codePointAt(0)!);
  return (units / m.unitsPerEm) * size;
}

/** `text` shortened with an ellipsis so it fits in `maxWidth` px; unchanged when it already fits. */
export function fitText(text: string, maxWidth: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // Binary search the longest prefix that still fits with the ellipsis.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(chars.slice(0, mid).join('').trimEnd() + '…', size, bold) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}
