/** Helpers for reading one document line: bullets, markdown markers, date ranges. */

const BULLET = /^\s*(?:[-*•●▪◦‣∙·>]|\d{1,2}[.)])\s+/;

export function isBullet(line: string): boolean {
  return BULLET.test(line);
}

/** The line without its bullet or markdown heading marker. */
export function stripBullet(line: string): string {
  return line.replace(BULLET, '').replace(/^#{1,6}\s+/, '').trim();
}

/** Markdown emphasis removed (`**Title**` -> `Title`); used for matching, never for quoting. */
export function stripEmphasis(text: string): string {
  return text.replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2');
}

const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const DATE = String.raw`(?:(?:${MONTH}\s+)?(?:19|20)\d{2}|\d{1,2}\/(?:19|20)\d{2})`;
/** "Mar 2021 – Present", "(2018-2020)", "07/2018 to 02/2021". */
export const DATE_RANGE = new RegExp(
  String.raw`\(?\s*${DATE}\s*(?:-|–|—|to|until)\s*(?:${DATE}|present|current|now|today)\s*\)?`,
  'i',
);

export function hasDateRange(line: string): boolean {
  return DATE_RANGE.test(line);
}
