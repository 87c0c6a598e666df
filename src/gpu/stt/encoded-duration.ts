/**
 * Duration of compressed uploads that are passed through undecoded (mp3, m4a, flac),
 * read from their headers so the length limit holds for them too. Returns undefined when
 * the file does not say; the byte limit still bounds it then.
 */

export function encodedDurationS(buf: Buffer, format: 'mp3' | 'm4a' | 'flac'): number | undefined {
  try {
    if (format === 'flac') return flacDuration(buf);
    if (format === 'm4a') return mp4Duration(buf);
    return mp3Duration(buf);
  } catch {
    return undefined;
  }
}

function flacDuration(buf: Buffer): number | undefined {
  // STREAMINFO is always the first metadata block: 20-bit rate and 36-bit total samples.
  if (buf.length < 8 + 34 || (buf[4]! & 0x7f) !== 0) return undefined;
  const si = 8;
  const rate = (buf[si + 10]! << 12) | (buf[si + 11]! << 4) | (buf[si + 12]! >> 4);
  const total = (buf[si + 13]! & 0x0f) * 2 ** 32 + buf.readUInt32BE(si + 14);
  return rate > 0 && total > 0 ? total / rate : undefined;
}

function mp4Duration(buf: Buffer): number | undefined {
  // Walk top-level boxes to moov, then its children to mvhd (timescale + duration).
  const moov = findBox(buf, 0, buf.length, 'moov');
  if (!moov) return undefined;
  const mvhd = findBox(buf, moov.body, moov.end, 'mvhd');
  if (!mvhd) return undefined;
  const v = buf[mvhd.body]!;
  const timescale = buf.readUInt32BE(mvhd.body + (v === 1 ? 20 : 12));
  const duration = v === 1 ? Number(buf.readBigUInt64BE(mvhd.body + 24)) : buf.readUInt32BE(mvhd.body + 16);
  return timescale > 0 ? duration / timescale : undefined;
}

function findBox(buf: Buffer, from: number, to: number, type: string): { body: number; end: number } | undefined {
  let pos = from;
  while (pos + 8 <= to) {
    let size = buf.readUInt32BE(pos);
    let header = 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(pos + 8));
      header = 16;
    } else if (size === 0) size = to - pos;
    if (size < header) return undefined;
    if (buf.toString('latin1', pos + 4, pos + 8) === type) return { body: pos + header, end: Math.min(to, pos + size) };
    pos += size;
  }
  return undefined;
}

const MP3_BITRATES: Record<string, number[]> = {
  // kbps by index, for MPEG-1 layer III and MPEG-2/2.5 layer III.
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

function mp3Duration(buf: Buffer): number | undefined {
  let pos = 0;
  if (buf.toString('latin1', 0, 3) === 'ID3') {
    // Sync-safe size: 7 bits per byte.
    pos = 10 + ((buf[6]! << 21) | (buf[7]! << 14) | (buf[8]! << 7) | buf[9]!);
  }
  while (pos + 4 <= buf.length && !(buf[pos] === 0xff && (buf[pos + 1]! & 0xe0) === 0xe0)) pos++;
  if (pos + 4 > buf.length) return undefined;
  const versionBits = (buf[pos + 1]! >> 3) & 3;
  const bitrateIdx = buf[pos + 2]! >> 4;
  const rateIdx = (buf[pos + 2]! >> 2) & 3;
  const channelMode = buf[pos + 3]! >> 6;
  const rate = MP3_RATES[versionBits]?.[rateIdx];
  const kbps = (versionBits === 3 ? MP3_BITRATES.v1 : MP3_BITRATES.v2)![bitrateIdx];
  if (!rate || !kbps) return undefined;
  const samplesPerFrame = versionBits === 3 ? 1152 : 576;
  // A Xing/Info header (VBR files) states the frame count exactly.
  const sideInfo = versionBits === 3 ? (channelMode === 3 ? 17 : 32) : channelMode === 3 ? 9 : 17;
  const xing = pos + 4 + sideInfo;
  const tag = buf.toString('latin1', xing, xing + 4);
  if ((tag === 'Xing' || tag === 'Info') && buf.readUInt32BE(xing + 4) & 1) return (buf.readUInt32BE(xing + 8) * samplesPerFrame) / rate;
  return ((buf.length - pos) * 8) / (kbps * 1000);
}
