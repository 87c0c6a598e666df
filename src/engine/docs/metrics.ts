/**
 * Finds quantified achievements ("cut latency by 40%", "served 2M users") in a line and returns the
 * clause around each, copied verbatim from the line.
 */

const UNIT = [
  'ms', 'milliseconds?', 'seconds?', 'secs?', 'minutes?', 'mins?', 'hours?', 'hrs?', 'days?', 'weeks?',
  '[kmgtp]b', 'qps', 'rps', 'tps', 'req(?:uests)?/s(?:ec)?', 'requests?', 'users?', 'customers?', 'clients?',
  'merchants?', 'transactions?', 'payments?', 'orders?', 'services?', 'microservices?', 'engineers?', 'developers?',
  'people', 'members?', 'reports?', 'countries', 'markets?', 'partners?', 'stars?', 'downloads?', 'installs?',
  'events?', 'messages?', 'records?', 'rows?', 'queries', 'calls?', 'endpoints?', 'pipelines?', 'jobs?',
  'tests?', 'deployments?', 'releases?', 'nodes?', 'servers?', 'clusters?', 'regions?', 'teams?', 'stores?',
  'shops?', 'bookshops?', 'businesses', 'companies', 'sites?', 'apps?', 'repositories', 'repos?', 'lines of code',
  'tickets?', 'incidents?', 'pages?', 'alerts?', 'bugs?', 'students?', 'patients?', 'vehicles?', 'devices?',
].join('|');

const NUM = String.raw`\d[\d,]*(?:\.\d+)?`;
const SCALE = String.raw`(?:k|m|mm|bn?|million|billion|thousand)`;
// A year on its own ("in 2019 two teams...") is not a quantity.
const NOT_YEAR = String.raw`(?!(?:19|20)\d{2}\b(?![\d,.]))`;

const METRIC = new RegExp(
  [
    String.raw`[$€£₹¥]\s?${NUM}\s?${SCALE}?\b`,
    String.raw`\b${NUM}\s?%`,
    String.raw`\b${NUM}\s?(?:x|×)(?![\p{L}\p{N}])`,
    String.raw`\b${NOT_YEAR}${NUM}\s?${SCALE}?\+?\s+(?:[\p{L}-]+\s+){0,2}(?:${UNIT})\b`,
    String.raw`\b${NUM}\s?${SCALE}\+?\s?(?:${UNIT})\b`,
    String.raw`\b(?:p50|p9\d(?:\.\d)?)\b`,
    String.raw`\b(?:doubled|doubling|tripled|tripling|halved|halving|by half)\b`,
  ].join('|'),
  'iu',
);

export function hasMetric(text: string): boolean {
  return METRIC.test(text);
}

/** Longest phrase kept; a longer clause is trimmed to words around the figure. */
const MAX_PHRASE = 140;

/**
 * Clauses of the line that contain a figure. Clause breaks are ; ( ) " - " and sentence ends, but not
 * the comma/point inside "1,200" or "5.4".
 */
export function metricPhrases(line: string): string[] {
  const out: string[] = [];
  const parts = line.split(/\s*[;()]\s*|,\s+(?=\D)|\.\s+|\.$|\s+[—–]\s+/);
  for (const raw of parts) {
    const part = raw.replace(/^\s*(?:[-*•●▪◦‣∙·>]|\d{1,2}[.)])\s+/, '').trim();
    if (part === '' || !METRIC.test(part)) continue;
    out.push(part.length <= MAX_PHRASE ? part : trimAround(part));
  }
  return [...new Set(out)];
}

function trimAround(part: string): string {
  const m = METRIC.exec(part);
  if (!m) return part.slice(0, MAX_PHRASE);
  const start = Math.max(0, part.lastIndexOf(' ', Math.max(0, m.index - 60)) + 1);
  let end = part.indexOf(' ', Math.min(part.length, m.index + m[0].length + 60));
  if (end === -1) end = part.length;
  return part.slice(start, end).trim();
}
