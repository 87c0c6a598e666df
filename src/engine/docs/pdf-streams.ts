import { constants, inflateSync } from 'node:zlib';
import { DocumentError, formatBytes } from './errors.ts';

/**
 * A PDF can be a compression bomb too: a 5 MB file whose Flate streams expand to gigabytes when the
 * reader decodes page content. Before PDF.js sees the file, every Flate stream it would decode for
 * text (page content, fonts, object streams; not images, which text extraction never decodes) is
 * inflated here under one shared output cap, so a bomb is refused without filling memory.
 */
export function checkPdfStreams(bytes: Uint8Array, maxUncompressedBytes: number): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const keyword = /stream(?:\r\n|\n|\r)/g;
  let remaining = maxUncompressedBytes;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    if (text.slice(m.index - 3, m.index) === 'end') continue;
    const head = text.slice(Math.max(0, m.index - 2048), m.index);
    const dict = head.slice(Math.max(0, head.lastIndexOf(' obj')));
    if (!/\/(FlateDecode|Fl)\b/.test(dict) || /\/Subtype\s*\/Image\b/.test(dict)) continue;
    const start = m.index + m[0].length;
    let end = text.indexOf('endstream', start);
    if (end === -1) end = text.length;
    let out: Buffer;
    try {
      out = inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, remaining), finishFlush: constants.Z_SYNC_FLUSH });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new DocumentError(
          'zip_bomb',
          `That PDF would expand to more than ${formatBytes(maxUncompressedBytes)} when opened, so it was not read. Please export it again as a normal PDF.`,
        );
      }
      continue; // damaged stream: PDF.js decides whether the file is readable at all
    }
    remaining -= out.length;
    keyword.lastIndex = end;
  }
}
