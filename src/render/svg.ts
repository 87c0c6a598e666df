import { bandFor, BAND_LABEL } from '../engine/feedback/report.ts';
import type { Band } from '../engine/types.ts';
import { FONT_FAMILY } from './fonts.ts';

// Characters XML 1.0 forbids outright; a stray one from a transcript would make the whole SVG invalid.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Band colours shared by charts and chat embeds, so a "solid" looks the same everywhere. */
export const BAND_COLOR: Record<Band, string> = {
  strong: '#15803d',
  solid: '#2563eb',
  developing: '#d97706',
  'needs-work': '#dc2626',
  'not-enough-to-judge': '#6b7280',
};

/** Lighter tints of the band colours for backgrounds. */
export const BAND_TINT: Record<Band, string> = {
  strong: '#dcfce7',
  solid: '#dbeafe',
  developing: '#fef3c7',
  'needs-work': '#fee2e2',
  'not-enough-to-judge': '#f3f4f6',
};

export const INK = '#111827';
export const MUTED = '#6b7280';
export const GRID = '#e5e7eb';
export const AXIS = '#9ca3af';
export const CARD = '#ffffff';

export { bandFor, BAND_LABEL };

export const fmt1 = (x: number) => x.toFixed(1);

/** Rounds coordinates so the SVG stays small and diffable. */
export const px = (x: number) => String(Math.round(x * 10) / 10);

export interface TextOpts {
  size: number;
  fill?: string;
  bold?: boolean;
  anchor?: 'start' | 'middle' | 'end';
  /** Extra attributes, already escaped. */
  extra?: string;
}

/** A <text> element with escaped content. */
export function text(x: number, y: number, content: string, o: TextOpts): string {
  const attrs = [
    `x="${px(x)}"`,
    `y="${px(y)}"`,
    `font-size="${o.size}"`,
    `fill="${o.fill ?? INK}"`,
    o.bold ? 'font-weight="bold"' : '',
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
    o.extra ?? '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

/**
 * Wraps chart content in an <svg> with the card background and the shipped font family.
 * Verdana (similar widths) is the fallback when a browser shows the SVG itself, e.g. on the dashboard.
 */
export function svgDocument(width: number, height: number, body: string[], title: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'${FONT_FAMILY}', Verdana, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="12" fill="${CARD}" stroke="${GRID}"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}
