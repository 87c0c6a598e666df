/** What a TTS server actually sent back (servers ignore response_format more often than one would hope). */
import type { TtsFormat } from './types.ts';

export function sniffTtsAudio(buf: Buffer): TtsFormat | null {
  if (buf.length < 4) return null;
  const head = buf.toString('latin1', 0, 4);
  if (head === 'OggS') return 'ogg-opus';
  if (head === 'RIFF') return 'wav';
  if (buf.readUInt32BE(0) === 0x1a45dfa3) return 'webm-opus';
  if (head.startsWith('ID3') || (buf[0] === 0xff && (buf[1]! & 0xe0) === 0xe0)) return 'mp3';
  return null;
}
