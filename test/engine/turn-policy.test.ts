import { describe, expect, test } from 'vitest';
import { readInput, refuseAnswer, shouldClose, stepAfter } from '../../src/engine/turn-policy.ts';

describe('turn policy', () => {
  test('an input is sanitised once and read as a command only after sanitising', () => {
    // Zero-width and control characters around a control word still make it the command.
    expect(readInput({ kind: 'answer', text: '\u200bskip\u0007' })).toEqual({ kind: 'command', command: 'skip', saidNext: false });
    expect(readInput({ kind: 'answer', text: '  Next question please. ' })).toEqual({ kind: 'command', command: 'skip', saidNext: true });
    expect(readInput({ kind: 'answer', text: 'Repeat, Alex!' })).toEqual({ kind: 'command', command: 'repeat', saidNext: false });
    expect(readInput({ kind: 'answer', text: 'I would skip the cache and\r\nread from the replica.' })).toEqual({ kind: 'answer', text: 'I would skip the cache and\nread from the replica.' });
    expect(readInput({ kind: 'command', command: 'pause' })).toEqual({ kind: 'command', command: 'pause', saidNext: false });
  });

  test('answers that cannot be taken are refused with a reason, and nothing else is', () => {
    expect(refuseAnswer('', 100, 'active')?.code).toBe('empty');
    expect(refuseAnswer('x'.repeat(101), 100, 'active')).toMatchObject({ code: 'too_long', message: expect.stringContaining('the limit is 100') });
    expect(refuseAnswer('I did it.', 100, 'paused')?.code).toBe('paused');
    expect(refuseAnswer('I did it.', 100, 'active')).toBeNull();
  });

  test('after a reaction: follow up only under the limit; a decline after an earlier answer keeps that answer', () => {
    const ack = { acknowledgement: 'Thanks.', declined: false };
    expect(stepAfter({ ...ack, followUp: 'Why?' }, { parts: ['a'], followUps: 0 }, 2)).toBe('follow-up');
    expect(stepAfter({ ...ack, followUp: 'Why?' }, { parts: ['a', 'b', 'c'], followUps: 2 }, 2)).toBe('close');
    expect(stepAfter(ack, { parts: ['a'], followUps: 0 }, 2)).toBe('close');
    expect(stepAfter({ acknowledgement: '', declined: true }, { parts: ['no idea'], followUps: 0 }, 2)).toBe('declined');
    expect(stepAfter({ acknowledgement: '', declined: true }, { parts: ['a', 'no idea'], followUps: 1 }, 2)).toBe('keep-earlier');
  });

  test('the interview closes at the end of the plan or when the time budget is spent', () => {
    expect(shouldClose(3, 5, 60_000, 15)).toEqual({ close: false, overTime: false });
    expect(shouldClose(5, 5, 60_000, 15)).toEqual({ close: true, overTime: false });
    expect(shouldClose(2, 5, 16 * 60_000, 15)).toEqual({ close: true, overTime: true });
  });
});
