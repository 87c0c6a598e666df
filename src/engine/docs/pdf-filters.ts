import { constants, inflateSync } from 'node:zlib';

/** Thrown when decoding would pass the document's output budget. */
export class BudgetExceeded extends Error {
  constructor() {
    super('decode budget exceeded');
    this.name = 'BudgetExceeded';
  }
}

/** One output allowance shared by every stage of every stream in a document. */
export class OutputBudget {
  remaining: number;
  constructor(bytes: number) {
    this.remaining = bytes;
  }
  take(n: number): void {
    this.remaining -= n;
    if (this.remaining < 0) throw new BudgetExceeded();
  }
}

/** A filter we can run to learn its output size; anything else (DCT, JPX, JBIG2, CCITT, Crypt) ends the chain. */
export type Decoder = (data: Uint8Array, budget: OutputBudget) => Uint8Array;

/** Grows a byte buffer, charging the budget as it goes so nothing large is ever allocated. */
class Sink {
  private buf = new Uint8Array(1024);
  length = 0;
  private readonly budget: OutputBudget;
  constructor(budget: OutputBudget) {
    this.budget = budget;
  }
  push(b: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[this.length++] = b;
  }
  /** Doubling charges the budget with each new capacity, so the total charged tracks the output size. */
  private grow(): void {
    this.budget.take(this.buf.length);
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
  done(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

function flate(data: Uint8Array, budget: OutputBudget): Uint8Array {
  let out: Buffer;
  try {
    // Z_SYNC_FLUSH: a truncated stream yields what it has (as PDF.js would read it) instead of failing.
    out = inflateSync(data, { maxOutputLength: Math.max(1, budget.remaining + 1), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new BudgetExceeded();
    throw e;
  }
  budget.take(out.length);
  return out;
}

/** LZWDecode with the PDF default EarlyChange 1; codes of 9 to 12 bits, 256 clears, 257 ends. */
function lzw(data: Uint8Array, budget: OutputBudget): Uint8Array {
  const sink = new Sink(budget);
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const stack = new Uint8Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    first[i] = i;
  }
  let next = 258;
  let width = 9;
  let prev = -1;
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < data.length; i++) {
    acc = ((acc << 8) | data[i]!) >>> 0;
    bits += 8;
    while (bits >= width) {
      const code = (acc >>> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      acc &= (1 << bits) - 1;
      if (code === 256) {
        next = 258;
        width = 9;
        prev = -1;
        continue;
      }
      if (code === 257) return sink.done();
      let cur = code;
      let depth = 0;
      if (code >= next) {
        if (prev < 0 || code > next) return sink.done(); // damaged: stop, as a reader would
        stack[depth++] = first[prev]!;
        cur = prev;
      }
      while (cur >= 0 && depth < 4096) {
        stack[depth++] = suffix[cur]!;
        cur = prefix[cur]!;
      }
      const head = stack[depth - 1]!;
      while (depth > 0) sink.push(stack[--depth]!);
      if (prev >= 0 && next < 4096) {
        prefix[next] = prev;
        suffix[next] = head;
        first[next] = first[prev]!;
        next++;
      }
      prev = code;
      if (next + 1 >= 1 << width && width < 12) width++;
    }
  }
  return sink.done();
}

function runLength(data: Uint8Array, budget: OutputBudget): Uint8Array {
  const sink = new Sink(budget);
  for (let i = 0; i < data.length; ) {
    const n = data[i++]!;
    if (n === 128) break;
    if (n < 128) {
      for (let k = 0; k <= n && i < data.length; k++) sink.push(data[i++]!);
    } else if (i < data.length) {
      const b = data[i++]!;
      for (let k = 0; k < 257 - n; k++) sink.push(b);
    }
  }
  return sink.done();
}

function ascii85(data: Uint8Array, budget: OutputBudget): Uint8Array {
  const sink = new Sink(budget);
  let group = 0;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7e) break; // "~>"
    if (c <= 0x20) continue;
    if (c === 0x7a && count === 0) {
      for (let k = 0; k < 4; k++) sink.push(0);
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    group = group * 85 + (c - 33);
    if (++count === 5) {
      for (let k = 3; k >= 0; k--) sink.push((group >>> (k * 8)) & 0xff);
      group = 0;
      count = 0;
    }
  }
  if (count > 1) {
    for (let k = count; k < 5; k++) group = group * 85 + 84;
    for (let k = 3; k > 4 - count; k--) sink.push((group >>> (k * 8)) & 0xff);
  }
  return sink.done();
}

function asciiHex(data: Uint8Array, budget: OutputBudget): Uint8Array {
  const sink = new Sink(budget);
  let hi = -1;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x3e) break;
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
    if (v < 0) continue;
    if (hi < 0) hi = v;
    else {
      sink.push((hi << 4) | v);
      hi = -1;
    }
  }
  if (hi >= 0) sink.push(hi << 4);
  return sink.done();
}

/** Filter names (and their inline-image abbreviations) we decode to measure. */
export const DECODERS: Record<string, Decoder> = {
  FlateDecode: flate,
  Fl: flate,
  LZWDecode: lzw,
  LZW: lzw,
  RunLengthDecode: runLength,
  RL: runLength,
  ASCII85Decode: ascii85,
  A85: ascii85,
  ASCIIHexDecode: asciiHex,
  AHx: asciiHex,
};
