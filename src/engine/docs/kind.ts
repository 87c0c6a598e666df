import type { DocumentKind } from './types.ts';

const JD_SIGNALS = [
  /\bresponsibilit(y|ies)\b/i,
  /\b(requirements|qualifications)\b/i,
  /\bwhat you('|’)?ll (do|bring)\b/i,
  /\bwe('|’)?re (looking|hiring)\b|\bwe are (looking|hiring)\b/i,
  /\bnice[- ]to[- ]have\b/i,
  /\babout the (role|team|job)\b/i,
  /\b(benefits|perks|compensation|salary range)\b/i,
  /\byou will\b/i,
  /\b(job description|equal opportunity|apply now)\b/i,
];
const RESUME_SIGNALS = [
  /^\s*(work |professional )?experience\s*:?$/i,
  /^\s*education\s*:?$/i,
  /^\s*(technical )?skills\s*:?$/i,
  /^\s*projects\s*:?$/i,
  /\b[\w.+-]+@[\w-]+\.[\w.]+\b/,
  /\blinkedin\.com\/in\//i,
  /\b(19|20)\d{2}\s*[-–—]\s*((19|20)\d{2}|present|current|now)\b/i,
];

/** Guesses whether a document is a resume or a job description, for uploads that did not say. */
export function guessKind(lines: string[]): DocumentKind {
  let jd = 0;
  let resume = 0;
  for (const line of lines) {
    for (const r of JD_SIGNALS) if (r.test(line)) jd++;
    for (const r of RESUME_SIGNALS) if (r.test(line)) resume++;
  }
  return jd > resume ? 'job-description' : 'resume';
}
