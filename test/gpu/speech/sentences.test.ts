import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/gpu/tts/sentences.ts';

describe('splitting a reply into sentences for speech', () => {
  it('splits at sentence ends, keeping the punctuation', () => {
    expect(splitSentences('Thanks for that. Tell me about a conflict! How did it end?')).toEqual(['Thanks for that.', 'Tell me about a conflict!', 'How did it end?']);
  });

  it('does not split after abbreviations, titles and initials', () => {
    expect(splitSentences('Use a framework, e.g. STAR for stories. Then walk through it.')).toEqual(['Use a framework, e.g. STAR for stories.', 'Then walk through it.']);
    expect(splitSentences('Dr. Smith and Mrs. Jones will join. J. R. Doe too.')).toEqual(['Dr. Smith and Mrs. Jones will join.', 'J. R. Doe too.']);
    expect(splitSentences('That is i.e. Not the point. Next.')).toEqual(['That is i.e. Not the point.', 'Next.']);
    expect(splitSentences('Go to room No. 5 at 9 a.m. Tomorrow is fine.')).toEqual(['Go to room No. 5 at 9 a.m. Tomorrow is fine.']);
  });

  it('keeps decimals and version numbers whole', () => {
    expect(splitSentences('Latency dropped 3.5 times, to 0.2 s. Version 2.1.4 shipped.')).toEqual(['Latency dropped 3.5 times, to 0.2 s.', 'Version 2.1.4 shipped.']);
  });

  it('splits when a number starts the next sentence, but not after "no." in a sentence', () => {
    expect(splitSentences('We hired 4 people. 3 stayed. I said no. Then we moved on.')).toEqual(['We hired 4 people.', '3 stayed.', 'I said no.', 'Then we moved on.']);
  });

  it('handles quotes, brackets, ellipses and lower-case continuations', () => {
    expect(splitSentences('She said "ship it." We did. (It worked.) Well... maybe not.')).toEqual(['She said "ship it."', 'We did.', '(It worked.)', 'Well... maybe not.']);
  });

  it('treats line breaks as ends and drops empty lines', () => {
    expect(splitSentences('Strengths:\n- clear structure\n\n- good examples\n')).toEqual(['Strengths:', '- clear structure', '- good examples']);
  });

  it('cuts an over-long sentence at a clause boundary', () => {
    const long = 'I built the ingestion service, which took events from twelve teams, normalised them, deduplicated them, and wrote them to the warehouse within a minute of arrival, and then I spent a quarter making it cheaper to run';
    const parts = splitSentences(long, { maxChars: 80 });
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(80);
    expect(parts.join(' ')).toBe(long);
    expect(parts[0]!.endsWith(',')).toBe(true);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });
});
