import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SqliteKeyValueStore } from '../../src/engine/store/sqlite-store.ts';
import { makeEngine, STRONG_BEHAVIORAL } from '../helpers/engine.ts';

describe('one lock per session', () => {
  test.each(['memory', 'sqlite'])('two answers at once on %s are recorded in order and advance exactly once each', async (kind) => {
    const kv = kind === 'sqlite' ? new SqliteKeyValueStore(join(mkdtempSync(join(tmpdir(), 'ic-')), 's.sqlite')) : undefined;
    const { engine } = makeEngine(kv ? { kv } : {});
    await engine.start({ key: 'k', userKey: 'u', type: 'screening', seed: 7 });
    const a = `First: ${STRONG_BEHAVIORAL}`;
    const b = `Second: ${STRONG_BEHAVIORAL}`;
    const [ra, rb] = await Promise.all([engine.handle('k', { kind: 'answer', text: a }), engine.handle('k', { kind: 'answer', text: b })]);
    expect(ra.progress.current).toBe(2);
    expect(rb.progress.current).toBe(3);
    const s = await engine.getByKey('k');
    expect(s!.answers[0]!.parts).toEqual([a]);
    expect(s!.answers[1]!.parts).toEqual([b]);
    expect(s!.transcript.filter((t) => t.role === 'candidate').map((t) => t.text)).toEqual([a, b]);
    await kv?.close();
  });

  test('two engines sharing one SQLite file (as two processes would) never double-advance', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ic-')), 's.sqlite');
    const kv1 = new SqliteKeyValueStore(file);
    const kv2 = new SqliteKeyValueStore(file);
    const e1 = makeEngine({ kv: kv1 }).engine;
    const e2 = makeEngine({ kv: kv2 }).engine;
    // A behavioral interview (6 questions) answered with a complete story: one message per question.
    const r = await e1.start({ key: 'k', userKey: 'u', type: 'behavioral', seed: 7 });
    const sends = Array.from({ length: 6 }, (_, i) => (i % 2 ? e1 : e2).handleSession(r.sessionId, { kind: 'answer', text: `Answer ${i}: ${STRONG_BEHAVIORAL}` }));
    const replies = await Promise.all(sends);
    const s = await e1.getById(r.sessionId);
    expect(s!.answers.every((a) => a.parts.length === 1)).toBe(true);
    expect(replies.filter((x) => x.done)).toHaveLength(1);
    expect(s!.status).toBe('completed');
    await kv1.close();
    await kv2.close();
  });
});
