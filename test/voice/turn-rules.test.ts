/** What the running transcript says about whether the candidate has finished. */
import { describe, expect, test } from 'vitest';
import { judgeTranscript } from '../../src/voice/turn-rules.ts';

const j = (t: string, punctuates?: boolean) => judgeTranscript(t, punctuates === undefined ? {} : { punctuates }).judgement;

describe('judgeTranscript', () => {
  test('finished sentences are complete, including short answers and questions back', () => {
    for (const t of ['I led the migration of our billing service.', 'Yes.', 'Could you repeat the question?', 'We did.', 'It was about three months, maybe four.', 'I think that is all.']) expect(j(t), t).toBe('complete');
  });

  test('a sentence stopped mid-way, a trailing off, or only thinking words is incomplete, whatever the punctuation', () => {
    for (const t of ['And then I', 'So the', 'We used Kafka and', 'The reason was that we', 'I think the main problem was the.', 'Um.', 'Uh, so...', 'Well,', 'My role was to coordinate with', 'It depends on the', 'First we measured, then —']) expect(j(t), t).toBe('incomplete');
  });

  test('a list that was announced and not finished is incomplete; once it ends it is complete', () => {
    expect(j('There were three things I focused on. First, the tests.')).toBe('incomplete');
    expect(j('There are two reasons. The first is cost.')).toBe('incomplete');
    expect(j('There are two reasons. The first is cost, and the second is the time to hire.')).toBe('complete');
    expect(j('Three things. First the tests, second the deploys, and finally the alerts.')).toBe('complete');
  });

  test('with no closing punctuation it is unsure, unless the transcripts never carry punctuation', () => {
    expect(j('We moved the reports to ClickHouse')).toBe('unsure');
    expect(j('We moved the reports to ClickHouse', false)).toBe('complete');
    expect(j('we moved the reports to', false)).toBe('incomplete');
    expect(j('')).toBe('unsure');
  });
});
