/**
 * How stored values become text and back, in exactly the format keyv's default serializer
 * (@keyv/serialize) writes: JSON, where a string value that starts with ':' gets one more ':'
 * and a Buffer is written as ':base64:<data>'. Data written by either reads back with the other.
 *
 * Why not the default: it builds the JSON by hand, one string concatenation per value, and
 * parses every string through a reviver. Sessions are a few kilobytes of nested objects written
 * and read on every answer, so that was the largest single cost of a turn. Here the native
 * JSON.stringify does the work with a replacer, and reading skips the reviver whenever the text
 * cannot hold an escaped string (no `":` right after a value position).
 */
import { Buffer } from 'node:buffer';

function escapeValue(this: unknown, key: string, value: unknown): unknown {
  // `this[key]` is the value before toJSON ran, so a Buffer is still a Buffer here.
  const raw = (this as Record<string, unknown>)[key];
  if (Buffer.isBuffer(raw)) return `:base64:${raw.toString('base64')}`;
  if (typeof value === 'string' && value.startsWith(':')) return `:${value}`;
  return value;
}

function unescapeValue(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith(':')) return value;
  if (value.startsWith(':base64:')) return Buffer.from(value.slice(8), 'base64');
  return value.slice(1);
}

/**
 * A string value starting with ':' is written as `":` right after `:` (an object value), `[`
 * or `,` (an array element; `,"` also opens a key, which only costs the slower path). Inside a
 * string a quote is always escaped (`\"`), so answer text cannot look like this.
 */
const MAY_HOLD_ESCAPED = /[:[,]":/;

export function serializeValue(data: unknown): string {
  return JSON.stringify(data ?? null, escapeValue) ?? 'null';
}

export function deserializeValue<T>(text: string): T {
  return (MAY_HOLD_ESCAPED.test(text) ? JSON.parse(text, unescapeValue) : JSON.parse(text)) as T;
}
