/** Shared setup for the customize tests: fixture documents in every format, stores, grounding checks. */
import pino from 'pino';
import { expect } from 'vitest';
import { loadBank } from '../../../src/engine/bank/load.ts';
import { DocumentService } from '../../../src/engine/customize/document-service.ts';
import { instructionLines } from '../../../src/engine/docs/injection.ts';
import { parsedFromText } from '../../../src/engine/docs/parse.ts';
import { defaultSkillMatcher } from '../../../src/engine/docs/skill-matcher.ts';
import type { ParsedDocument } from '../../../src/engine/docs/types.ts';
import { MemoryKeyValueStore } from '../../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../../src/engine/store/session-store.ts';
import type { PlanQuestion, Session } from '../../../src/engine/types.ts';
import { fixtureText, JD_TXT, makeDocx, makePdf, paginate, RESUME_TXT } from '../docs/make-files.ts';

export const silent = pino({ level: 'silent' });
export const RESUME = fixtureText(RESUME_TXT);
export const JD = fixtureText(JD_TXT);
export const resumeLines = RESUME.trimEnd().split('\n');
export const jdLines = JD.trimEnd().split('\n');

export const resumeTxt = (text = RESUME): ParsedDocument => parsedFromText(text, { filename: 'resume.txt', kind: 'resume' });
export const jdTxt = (text = JD): ParsedDocument => parsedFromText(text, { filename: 'jd.txt', kind: 'job-description' });

export async function resumePdfBytes(lines = resumeLines): Promise<Uint8Array> {
  return makePdf(paginate(lines, 24));
}

export async function resumeDocxBytes(lines = resumeLines): Promise<Uint8Array> {
  return makeDocx(lines);
}

export function memoryDocuments(): { store: SessionStore; documents: DocumentService } {
  const store = new SessionStore(new MemoryKeyValueStore());
  return { store, documents: new DocumentService({ store, logger: silent }) };
}

/** Just enough of a session for the planner. */
export function sessionFor(userKey = 'u:1', o: Partial<Session> = {}): Session {
  return { id: 'sess-1', userKey, role: 'software engineer', track: 'general', level: 'mid', seed: 11, type: 'customize', ...o } as Session;
}

/** A planner's loader over documents held in memory (no store). */
export function staticDocuments(docs: ParsedDocument[]): { load(userKey: string, ids: string[]): Promise<ParsedDocument[]> } {
  return { load: async (_u, ids) => ids.map((id) => docs.find((d) => d.id === id)).filter((d): d is ParsedDocument => !!d) };
}

const BANK_TEXTS = new Set((['screening', 'behavioral', 'technical'] as const).flatMap((t) => loadBank(t).questions.map((q) => q.text)));

/** Words that may open a sentence of a question without naming anything. */
const OPENERS = new Set(['In', 'You', 'Your', 'Tell', 'The', 'What', 'Walk', 'How', 'Why', 'When', 'Which', 'Describe', 'Explain']);

/**
 * Independent of the code under test: names (capitalised words not opening a sentence),
 * lexicon technologies and figures mentioned by a question.
 */
export function mentioned(text: string): string[] {
  const out = new Set<string>();
  for (const sentence of text.split(/(?<=[.?!]["”]?)\s+/)) {
    const words = sentence.match(/[\p{L}\p{N}][\p{L}\p{N}.+#'’-]*/gu) ?? [];
    words.forEach((w, i) => {
      const word = w.replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
      if (/\d/.test(word)) out.add(word.replace(/%$/, ''));
      else if (/^\p{Lu}/u.test(word) && word !== 'I' && !/^I['’]/.test(word) && !(i === 0 && OPENERS.has(word))) out.add(word);
    });
  }
  for (const m of defaultSkillMatcher().find(text)) out.add(m.text);
  return [...out];
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/**
 * The plan names only what the documents say: each personal question cites real,
 * non-instruction lines whose text contains its quote and every name, technology and number
 * the question mentions; each other question is a question from the bank, word for word.
 */
export function expectGrounded(plan: PlanQuestion[], docs: ParsedDocument[]): void {
  for (const q of plan) {
    if (q.source.kind === 'bank') {
      expect(BANK_TEXTS.has(q.text), `bank question "${q.text}"`).toBe(true);
      continue;
    }
    const refs = q.source.refs ?? [];
    expect(refs.length, q.text).toBeGreaterThan(0);
    const cited: string[] = [];
    for (const r of refs) {
      const doc = docs.find((d) => d.filename === r.source);
      expect(doc, `source ${r.source}`).toBeDefined();
      expect(r.lineStart).toBeGreaterThanOrEqual(1);
      expect(r.lineEnd).toBeLessThanOrEqual(doc!.lines.length);
      const flagged = instructionLines(doc!.lines);
      for (let n = r.lineStart; n <= r.lineEnd; n++) expect(flagged, `${q.id} cites instruction line ${n}`).not.toContain(n);
      const text = doc!.lines.slice(r.lineStart - 1, r.lineEnd).join('\n');
      expect(norm(text), `${q.id}: quote`).toContain(norm(r.quote));
      cited.push(text);
    }
    const hay = norm(cited.join('\n'));
    for (const t of mentioned(q.text)) expect(hay, `"${t}" in "${q.text}"`).toContain(norm(t));
  }
}

export function expectWellFormed(plan: PlanQuestion[]): void {
  expect(new Set(plan.map((q) => q.id)).size).toBe(plan.length);
  for (const q of plan) {
    expect(q.rubric.length, q.id).toBeGreaterThanOrEqual(2);
    expect(q.rubric.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 2);
    expect(q.followUps.length).toBeGreaterThan(0);
    expect(q.competency).toMatch(/^[a-z0-9-]+$/);
    expect(['easy', 'medium', 'hard']).toContain(q.difficulty);
  }
}
