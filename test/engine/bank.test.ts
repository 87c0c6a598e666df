import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { BANK_TYPES, DEFAULT_BANK_DIR, loadAllBanks, loadBank } from '../../src/engine/bank/load.ts';
import { BEHAVIORAL_COMPETENCIES, LEVELS, TECHNICAL_CATEGORIES, TRACKS } from '../../src/engine/bank/schema.ts';
import type { BankQuestion } from '../../src/engine/bank/schema.ts';

const banks = loadAllBanks();
const all: BankQuestion[] = BANK_TYPES.flatMap((t) => banks[t].questions);

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** Copies one shipped bank into a fresh temp dir after applying `edit` to its parsed content. */
function writeEditedBank(type: 'screening' | 'behavioral' | 'technical', edit: (doc: any) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bank-test-'));
  tempDirs.push(dir);
  const doc = parse(readFileSync(path.join(DEFAULT_BANK_DIR, `${type}.yaml`), 'utf8'));
  edit(doc);
  writeFileSync(path.join(dir, `${type}.yaml`), stringify(doc));
  return dir;
}

describe('shipped question banks', () => {
  test('each bank file validates and declares its own type', () => {
    for (const t of BANK_TYPES) {
      expect(banks[t].type).toBe(t);
      expect(banks[t].version).toBe(1);
    }
  });

  test('question ids are unique across all banks and carry their bank prefix', () => {
    const ids = all.map((q) => q.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
    const prefix = { screening: 'scr-', behavioral: 'beh-', technical: 'tech-' } as const;
    for (const t of BANK_TYPES) {
      const wrong = banks[t].questions.filter((q) => !q.id.startsWith(prefix[t])).map((q) => q.id);
      expect(wrong).toEqual([]);
    }
  });

  test('each bank has at least the minimum number of questions', () => {
    expect(banks.screening.questions.length).toBeGreaterThanOrEqual(34);
    expect(banks.behavioral.questions.length).toBeGreaterThanOrEqual(66);
    expect(banks.technical.questions.length).toBeGreaterThanOrEqual(88);
  });

  test('every behavioral competency has at least 6 questions', () => {
    for (const c of BEHAVIORAL_COMPETENCIES) {
      const n = banks.behavioral.questions.filter((q) => q.competency === c).length;
      expect(n, `competency ${c}`).toBeGreaterThanOrEqual(6);
    }
  });

  test('behavioral rubrics score the STAR parts plus a competency-specific item', () => {
    for (const q of banks.behavioral.questions) {
      const ids = q.rubric.map((r) => r.id);
      expect(ids, q.id).toEqual(expect.arrayContaining(['context', 'actions', 'result', 'reflection']));
      expect(ids.length, q.id).toBeGreaterThanOrEqual(5);
    }
  });

  test('every technical category is present and each technical question is categorised with keywords', () => {
    for (const c of TECHNICAL_CATEGORIES) {
      expect(banks.technical.questions.some((q) => q.category === c), c).toBe(true);
    }
    for (const q of banks.technical.questions) {
      expect(q.category, q.id).toBeDefined();
      expect(q.keywords?.length ?? 0, q.id).toBeGreaterThanOrEqual(3);
    }
  });

  test('each track has at least 20 technical questions', () => {
    for (const tr of TRACKS) {
      const n = banks.technical.questions.filter((q) => !q.tracks?.length || q.tracks.includes(tr)).length;
      expect(n, tr).toBeGreaterThanOrEqual(20);
    }
  });

  test('a plan of 8 technical questions can be drawn for every track and level', () => {
    for (const tr of TRACKS) {
      for (const lvl of LEVELS) {
        const eligible = banks.technical.questions.filter(
          (q) => (!q.tracks?.length || q.tracks.includes(tr)) && (!q.levels?.length || q.levels.includes(lvl)),
        );
        expect(eligible.length, `${tr} x ${lvl}`).toBeGreaterThanOrEqual(8);
      }
    }
  });

  test('every question has at least one follow-up and rubric weights summing to 1', () => {
    for (const q of all) {
      expect(q.followUps.length, q.id).toBeGreaterThanOrEqual(1);
      const sum = q.rubric.reduce((s, r) => s + r.weight, 0);
      expect(sum, q.id).toBeCloseTo(1, 2);
    }
  });

  test('keywords are lower case so case-insensitive matching needs no extra work', () => {
    const upper = all.flatMap((q) => (q.keywords ?? []).filter((k) => k !== k.toLowerCase()).map((k) => `${q.id}: ${k}`));
    expect(upper).toEqual([]);
  });
});

describe('loadBank', () => {
  test('returns the cached bank on a second load from the same directory', () => {
    expect(loadBank('technical')).toBe(loadBank('technical'));
  });

  test('rejects a bank whose rubric weights do not sum to 1, naming the file and the question', () => {
    const dir = writeEditedBank('screening', (doc) => {
      doc.questions[0].rubric[0].weight = 0.9;
    });
    const file = path.join(dir, 'screening.yaml');
    expect(() => loadBank('screening', dir)).toThrow(file);
    expect(() => loadBank('screening', dir)).toThrow(/questions\.0 \(scr-walk-me-through-background\).*sum to/);
  });

  test('rejects a bank with a missing field, naming the issue path', () => {
    const dir = writeEditedBank('behavioral', (doc) => {
      delete doc.questions[2].followUps;
    });
    expect(() => loadBank('behavioral', dir)).toThrow(/behavioral\.yaml: invalid bank: questions\.2\.followUps/);
  });

  test('rejects a file that declares a different bank type', () => {
    const dir = writeEditedBank('technical', (doc) => {
      doc.type = 'screening';
    });
    expect(() => loadBank('technical', dir)).toThrow(/technical\.yaml: declares type "screening"/);
  });

  test('reports a missing bank file by name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bank-test-'));
    tempDirs.push(dir);
    expect(() => loadBank('screening', dir)).toThrow(path.join(dir, 'screening.yaml'));
  });
});
