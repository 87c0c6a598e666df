import { describe, expect, test } from 'vitest';
import { loadBank } from '../../../src/engine/bank/load.ts';
import { questionIntro, withoutIntro } from '../../../src/engine/phrases.ts';
import { buildBankPlan, nearDuplicate } from '../../../src/engine/plan.ts';
import { makeEngine } from '../../helpers/engine.ts';

const screening = loadBank('screening').questions;
const byId = (id: string) => [...screening, ...loadBank('behavioral').questions, ...loadBank('technical').questions].find((q) => q.id === id)!;

describe('plans', () => {
  test('"Why are you interested in joining us?" and "What caught your attention about this role?" never share a plan', () => {
    expect(nearDuplicate(byId('scr-why-this-company'), byId('scr-why-this-role'))).toBe(true);
    for (let seed = 0; seed < 300; seed++) {
      const plan = buildBankPlan({ type: 'screening', track: 'general', level: 'mid', seed });
      const ids = new Set(plan.map((q) => q.id));
      expect(ids.has('scr-why-this-company') && ids.has('scr-why-this-role'), `seed ${seed}`).toBe(false);
      for (let i = 0; i < plan.length; i++) for (let j = i + 1; j < plan.length; j++) expect(nearDuplicate(byId(plan[i]!.id), byId(plan[j]!.id))).toBe(false);
    }
  });

  test('without a job description or resume, no question refers to one', () => {
    for (let seed = 0; seed < 300; seed++) {
      for (const type of ['screening', 'customize'] as const) {
        for (const q of buildBankPlan({ type, track: 'general', level: 'mid', seed })) {
          expect(q.text, `seed ${seed}`).not.toMatch(/listed for this role|the job description|your CV|your resume|the description/i);
          expect(q.followUps.join(' ')).not.toMatch(/the description|listed for this role/i);
        }
      }
    }
    const withJd = Array.from({ length: 200 }, (_, seed) => buildBankPlan({ type: 'screening', track: 'general', level: 'mid', seed, documents: { jobDescription: true } })).flat();
    expect(withJd.some((q) => q.id === 'scr-tech-stack-familiarity')).toBe(true);
  });
});

describe('conversation glue', () => {
  test('"Switching gears" only when the topic changes', () => {
    const sd = { competency: 'system-design', category: 'system-design' };
    const db = { competency: 'databases', category: 'fundamentals' };
    for (let seed = 0; seed < 50; seed++) {
      expect(questionIntro(2, 8, seed, sd, sd)).not.toMatch(/switching gears|something different|changing topic/i);
      expect(questionIntro(2, 8, seed, sd, db)).not.toMatch(/same lines|similar area|this area/i);
    }
  });

  test('resume repeats the question cleanly, without the transition line', async () => {
    const { engine } = makeEngine();
    const start = await engine.start({ key: 'g1', userKey: 'u1', type: 'behavioral', seed: 12 });
    await engine.handleSession(start.sessionId, { kind: 'answer', text: 'skip' });
    await engine.handleSession(start.sessionId, { kind: 'command', command: 'pause' });
    const resumed = await engine.handleSession(start.sessionId, { kind: 'command', command: 'resume' });
    const s = (await engine.getById(start.sessionId))!;
    expect(resumed.messages).toEqual(["Welcome back. Here's where we were.", s.plan[1]!.text]);
    expect(withoutIntro(`Next question. ${s.plan[1]!.text}`)).toBe(s.plan[1]!.text);
  });
});
