import { Buffer } from 'node:buffer';
import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import { describe, expect, it } from 'vitest';
import { deserializeValue, serializeValue } from '../../../src/engine/store/value-codec.ts';

// Shaped like what the stores hold: keyv's { value, expires } around a session with user text.
const SAMPLES: unknown[] = [
  { value: { id: 's1', answers: [':) fine', '::double', 'plain', 'says "a":"b", [":x"]'], n: 3, nested: { at: ':start', list: [':a', 'b', null] } }, expires: 123 },
  { value: { bytes: Buffer.from('résumé bytes'), label: ':base64:not-really' } },
  { value: 'a string', expires: undefined },
  { value: ':colon first' },
  { value: [1, 'two', { three: ':3' }] },
  { value: { '": key': ':v', empty: '', unicode: '日本語の回答 — ok' } },
  { value: null },
];

describe('stored value codec', () => {
  it('writes the same text as keyv\'s default serializer', () => {
    for (const s of SAMPLES) expect(serializeValue(s)).toBe(defaultSerialize(s as never));
  });

  it('reads back what it wrote, colon-first strings and Buffers included', () => {
    for (const s of SAMPLES) expect(deserializeValue(serializeValue(s))).toEqual(defaultDeserialize(defaultSerialize(s as never)));
    const back = deserializeValue<{ value: { bytes: Buffer } }>(serializeValue(SAMPLES[1]));
    expect(Buffer.isBuffer(back.value.bytes)).toBe(true);
    expect(back.value.bytes.toString()).toBe('résumé bytes');
  });

  it('reads data an earlier version stored with keyv\'s default serializer', () => {
    for (const s of SAMPLES) expect(deserializeValue(defaultSerialize(s as never))).toEqual(defaultDeserialize(defaultSerialize(s as never)));
  });
});
