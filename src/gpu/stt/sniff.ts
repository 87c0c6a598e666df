/**
 * What an uploaded audio file is, from its first bytes (the filename and the declared
 * Content-Type are whatever the browser or curl guessed, so they are not trusted).
 */

export type UploadFormat = 'wav' | 'ogg-opus' | 'ogg-vorbis' | 'webm' | 'mp3' | 'm4a' | 'flac' | 'unknown';

export function sniffAudio(buf: Buffer): UploadFormat {
  if (buf.length < 12) return 'unknown';
  const ascii = (at: number, n: number) => buf.toString('latin1', at, at + n);
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WAVE') return 'wav';
  if (ascii(0, 4) === 'OggS') {
    // The first page carries the codec's identification header.
    const head = buf.subarray(0, Math.min(buf.length, 128));
    if (head.includes('OpusHead')) return 'ogg-opus';
    if (head.includes('vorbis')) return 'ogg-vorbis';
    return 'unknown';
  }
  if (buf.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(4, 4) === 'ftyp') return 'm4a';
  if (ascii(0, 3) === 'ID3') return 'mp3';
  // MPEG audio frame sync: 11 set bits, layer III.
  if (buf[0] === 0xff && (buf[1]! & 0xe0) === 0xe0 && (buf[1]! & 0x06) === 0x02) return 'mp3';
  return 'unknown';
}
