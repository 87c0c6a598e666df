/**
 * Real speech for the fake TTS servers: espeak-ng (Debian package `espeak-ng`) speaks the
 * text, and the project's own encoders turn it into the formats real servers send: Ogg/Opus
 * (openedai-speech `opus`), WAV, and WebM/Opus (Edge). Cached per text.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OggOpusMuxer } from '../../../src/audio/ogg-opus.ts';
import { OpusPacketEncoder } from '../../../src/audio/opus.ts';
import { float32ToInt16, int16ToFloat32 } from '../../../src/audio/pcm.ts';
import { resample } from '../../../src/audio/resampler.ts';
import { decodeWav } from '../../../src/audio/wav.ts';
import { muxWebmOpus } from './webm-mux.ts';

const run = promisify(execFile);
const wavCache = new Map<string, Promise<Buffer>>();

/** espeak-ng's 22.05 kHz mono WAV of `text`. */
export function espeakWav(text: string): Promise<Buffer> {
  let hit = wavCache.get(text);
  if (!hit) {
    hit = (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fake-tts-'));
      try {
        const file = join(dir, 'out.wav');
        await run('espeak-ng', ['-w', file, '--', text]);
        return readFileSync(file);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    wavCache.set(text, hit);
  }
  return hit;
}

/** Seconds of speech espeak makes for `text` (what decoded TTS audio should come close to). */
export async function espeakSeconds(text: string): Promise<number> {
  const wav = decodeWav(await espeakWav(text));
  return wav.samples.length / wav.sampleRate;
}

async function opusPackets(text: string): Promise<Buffer[]> {
  const wav = decodeWav(await espeakWav(text));
  const at48 = float32ToInt16(await resample(int16ToFloat32(wav.samples), { inputRate: wav.sampleRate, outputRate: 48_000 }));
  const enc = new OpusPacketEncoder({ channels: 1, application: 'voip' });
  try {
    return [...enc.encode(at48), ...enc.flush()];
  } finally {
    enc.close();
  }
}

export async function oggOpusOf(text: string): Promise<Buffer> {
  const mux = new OggOpusMuxer({ channels: 1, inputSampleRate: 24_000, packetsPerPage: 10 });
  const parts = (await opusPackets(text)).map((p) => mux.write(p));
  parts.push(mux.end());
  return Buffer.concat(parts);
}

export async function webmOpusOf(text: string): Promise<Buffer> {
  return muxWebmOpus(await opusPackets(text), { channels: 1, inputRate: 24_000 });
}
