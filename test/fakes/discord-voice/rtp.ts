/**
 * Discord voice RTP with aead_aes256_gcm_rtpsize, written from the protocol description
 * (not the client's code): the 12-byte RTP header (plus the 4-byte extension header when the
 * X bit is set) is the AAD and travels in clear; the payload (extension body, then Opus) is
 * AES-256-GCM encrypted; then the 16-byte tag; then the 4-byte big-endian nonce counter,
 * which is the first 4 bytes of the 12-byte GCM nonce (the rest zero).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

export const OPUS_PAYLOAD_TYPE = 120;
const TAG = 16;
const NONCE_SUFFIX = 4;

export interface RtpFields {
  ssrc: number;
  sequence: number;
  timestamp: number;
  nonce: number;
  /** Send a one-element RTP header extension (0xBEDE profile), as Discord clients do. */
  extension?: boolean;
}

function gcmNonce(counter: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeUInt32BE(counter >>> 0, 0);
  return n;
}

export function encryptRtp(opus: Buffer, key: Buffer, f: RtpFields): Buffer {
  const header = Buffer.alloc(f.extension ? 16 : 12);
  header[0] = 0x80 | (f.extension ? 0x10 : 0);
  header[1] = OPUS_PAYLOAD_TYPE;
  header.writeUInt16BE(f.sequence & 0xffff, 2);
  header.writeUInt32BE(f.timestamp >>> 0, 4);
  header.writeUInt32BE(f.ssrc >>> 0, 8);
  let plain = opus;
  if (f.extension) {
    // Profile 0xBEDE, length 1 word; the word itself (an audio-level element) is encrypted with the payload.
    header.writeUInt16BE(0xbede, 12);
    header.writeUInt16BE(1, 14);
    plain = Buffer.concat([Buffer.from([0x10, 0x7f, 0x00, 0x00]), opus]);
  }
  const cipher = createCipheriv('aes-256-gcm', key, gcmNonce(f.nonce));
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const suffix = Buffer.alloc(NONCE_SUFFIX);
  suffix.writeUInt32BE(f.nonce >>> 0, 0);
  return Buffer.concat([header, body, cipher.getAuthTag(), suffix]);
}

export interface DecryptedRtp {
  ssrc: number;
  sequence: number;
  timestamp: number;
  payloadType: number;
  opus: Buffer;
}

/** Null when the packet is not RTP, or fails authentication. */
export function decryptRtp(packet: Buffer, key: Buffer): DecryptedRtp | null {
  if (packet.length < 12 + TAG + NONCE_SUFFIX || packet[0]! >> 6 !== 2) return null;
  const hasExtension = (packet[0]! & 0x10) !== 0;
  const headerLen = 12 + (hasExtension ? 4 : 0);
  const header = packet.subarray(0, headerLen);
  const counter = packet.readUInt32BE(packet.length - NONCE_SUFFIX);
  const tag = packet.subarray(packet.length - NONCE_SUFFIX - TAG, packet.length - NONCE_SUFFIX);
  const body = packet.subarray(headerLen, packet.length - NONCE_SUFFIX - TAG);
  try {
    const d = createDecipheriv('aes-256-gcm', key, gcmNonce(counter));
    d.setAAD(header);
    d.setAuthTag(tag);
    let plain = Buffer.concat([d.update(body), d.final()]);
    if (hasExtension) plain = plain.subarray(4 * packet.readUInt16BE(14));
    return { ssrc: packet.readUInt32BE(8), sequence: packet.readUInt16BE(2), timestamp: packet.readUInt32BE(4), payloadType: packet[1]! & 0x7f, opus: Buffer.from(plain) };
  } catch {
    return null;
  }
}
