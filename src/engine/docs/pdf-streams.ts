import { DocumentError, formatBytes } from './errors.ts';
import { BudgetExceeded, DECODERS, OutputBudget } from './pdf-filters.ts';

/**
 * A PDF can be a compression bomb: a few kilobytes whose streams expand to gigabytes when the
 * reader decodes them. Before PDF.js sees the file, every stream (page content, fonts, object
 * streams, image-marked streams alike) is decoded through its whole filter chain under one output
 * budget for the document. Filters may be arrays, indirect references (also to objects inside
 * object streams), or names with #xx escapes; a filter we cannot size (DCT, JPX...) ends a chain.
 * This runs inside the isolated parser process; the process limits are the second wall.
 */
export function checkPdfStreams(bytes: Uint8Array, maxUncompressedBytes: number): void {
  const budget = new OutputBudget(maxUncompressedBytes);
  try {
    scan(bytes, budget);
  } catch (e) {
    if (e instanceof BudgetExceeded) {
      throw new DocumentError(
        'zip_bomb',
        `That PDF would expand to more than ${formatBytes(maxUncompressedBytes)} when opened, so it was not read. Please export it again as a normal PDF.`,
      );
    }
    throw e;
  }
}

interface RawStream {
  /** Object number, when the stream sits in a numbered object. */
  num: number | undefined;
  dict: string;
  start: number;
  end: number;
}

const OBJ = /(\d+)\s+\d+\s+obj\b/g;
const STREAM = /stream[ \t\f\0]*(?:\r\n|\n|\r)/g;

/** Names may spell characters as #xx (`/Fl#61teDecode`); readers decode them, so we do too. */
const unescapeNames = (s: string) => s.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function scan(bytes: Uint8Array, budget: OutputBudget): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const objects = new Map<number, string>();
  const starts: { at: number; num: number }[] = [];
  for (let m = OBJ.exec(text); m; m = OBJ.exec(text)) starts.push({ at: m.index, num: Number(m[1]) });
  OBJ.lastIndex = 0;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const stop = i + 1 < starts.length ? starts[i + 1]!.at : text.length;
    const body = text.slice(s.at, Math.min(stop, s.at + 65_536));
    const cut = body.search(/\bstream\b|\bendobj\b/);
    objects.set(s.num, unescapeNames(cut >= 0 ? body.slice(0, cut) : body).replace(/^\d+\s+\d+\s+obj/, ''));
  }

  const streams: RawStream[] = [];
  let objIdx = 0;
  for (let m = STREAM.exec(text); m; m = STREAM.exec(text)) {
    if (text.slice(m.index - 3, m.index) === 'end') continue;
    while (objIdx + 1 < starts.length && starts[objIdx + 1]!.at < m.index) objIdx++;
    const owner = starts.length && starts[objIdx]!.at < m.index ? starts[objIdx] : undefined;
    const dict = unescapeNames(text.slice(owner ? owner.at : Math.max(0, m.index - 4096), m.index));
    const start = m.index + m[0].length;
    const end = streamEnd(text, dict, start, objects);
    streams.push({ num: owner?.num, dict, start, end });
    STREAM.lastIndex = Math.max(STREAM.lastIndex, end);
  }
  STREAM.lastIndex = 0;

  // Object streams first: a filter given by reference may point at an object inside one.
  const isObjStm = (s: RawStream) => /\/Type\s*\/ObjStm\b/.test(s.dict);
  for (const s of streams.filter(isObjStm)) {
    const out = decodeChain(bytes.subarray(s.start, s.end), filtersOf(s.dict, objects), budget);
    if (out) addObjStmObjects(s.dict, out, objects);
  }
  // A real image is never decoded to read text, so its size is not counted (a large photo is fine);
  // a stream marked as an image but used as page content is decoded like any page, so it is.
  const contents = pageContentIds(objects);
  const isImage = (s: RawStream) => /\/Subtype\s*\/Image\b/.test(s.dict) && !(s.num !== undefined && contents.has(s.num));
  for (const s of streams.filter((x) => !isObjStm(x) && !isImage(x))) decodeChain(bytes.subarray(s.start, s.end), filtersOf(s.dict, objects), budget);
}

/** Object numbers that pages name as /Contents (directly, in an array, or through an array object). */
function pageContentIds(objects: Map<number, string>): Set<number> {
  const ids = new Set<number>();
  const refs = (s: string) => [...s.matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));
  for (const body of objects.values()) {
    for (const m of body.matchAll(/\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/g)) {
      for (const id of refs(m[1]!)) {
        ids.add(id);
        const target = objects.get(id)?.trim();
        if (target?.startsWith('[')) for (const inner of refs(target)) ids.add(inner);
      }
    }
  }
  return ids;
}

/** Where stream data ends: at /Length when it is honest, otherwise at the next `endstream`. */
function streamEnd(text: string, dict: string, start: number, objects: Map<number, string>): number {
  const lm = /\/Length\s+(?:(\d+)\s+\d+\s+R|(\d+))/.exec(dict);
  const len = lm ? (lm[2] !== undefined ? Number(lm[2]) : Number(/^\s*(\d+)/.exec(objects.get(Number(lm[1])) ?? '')?.[1] ?? NaN)) : NaN;
  if (Number.isFinite(len) && start + len <= text.length && /^\s*endstream/.test(text.slice(start + len, start + len + 32))) return start + len;
  const e = text.indexOf('endstream', start);
  return e === -1 ? text.length : e;
}

/** 'unknown' when a filter reference cannot be resolved: then every zlib layer found is measured. */
function filtersOf(dict: string, objects: Map<number, string>): string[] | 'unknown' {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+|\d+\s+\d+\s+R)/.exec(dict);
  if (!m) return [];
  let v = m[1]!;
  for (let hops = 0; /^\d+\s+\d+\s+R$/.test(v) && hops < 8; hops++) {
    const target = objects.get(Number(v.split(/\s+/)[0]));
    if (target === undefined) return 'unknown';
    v = target.trim();
  }
  if (/^\d+\s+\d+\s+R$/.test(v)) return 'unknown';
  return [...v.matchAll(/\/([^\s/[\]<>()]+)/g)].map((x) => x[1]!);
}

function decodeChain(data: Uint8Array, filters: string[] | 'unknown', budget: OutputBudget): Uint8Array | undefined {
  if (filters === 'unknown') return zlibLayers(data, budget);
  let cur = data;
  for (const f of filters) {
    const decode = DECODERS[f];
    if (!decode) return undefined; // image codecs and Crypt: not something text extraction expands
    try {
      cur = decode(cur, budget);
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      return undefined; // damaged stream: PDF.js decides whether the file is readable at all
    }
  }
  return cur;
}

/** For an unresolvable filter: inflate while the data still looks like zlib (0x78 header). */
function zlibLayers(data: Uint8Array, budget: OutputBudget): Uint8Array | undefined {
  let cur = data;
  for (let i = 0; i < 16 && cur.length > 2 && cur[0] === 0x78; i++) {
    try {
      cur = DECODERS.FlateDecode!(cur, budget);
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      return cur;
    }
  }
  return cur;
}

/** An object stream starts with N pairs "objnum offset", objects from /First on. */
function addObjStmObjects(dict: string, data: Uint8Array, objects: Map<number, string>): void {
  const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1] ?? 0);
  const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? 0);
  if (!n || !first || first > data.length) return;
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const nums = text.slice(0, first).trim().split(/\s+/).map(Number);
  for (let i = 0; i < n && 2 * i + 1 < nums.length; i++) {
    const num = nums[2 * i]!;
    const off = first + nums[2 * i + 1]!;
    const nextOff = 2 * i + 3 < nums.length ? first + nums[2 * i + 3]! : text.length;
    if (!objects.has(num)) objects.set(num, unescapeNames(text.slice(off, Math.min(nextOff, off + 4096))));
  }
}
