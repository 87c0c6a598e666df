/**
 * Every format a TTS provider answers becomes 20 ms Opus packets the player can send:
 * Ogg/Opus (XTTS), WebM/Opus (Edge) passed through, longer packets re-encoded, PCM/WAV
 * encoded, mp3 refused with a typed error.
 */
import { describe, expect, test } from 'vitest';
import { OggOpusMuxer } from '../../src/audio/ogg-opus.ts';
import { OPUS_FRAME_SAMPLES, OpusPacketDecoder, OpusPacketEncoder, opusPacketSamples } from '../../src/audio/opus.ts';
import { SpeechError } from '../../src/gpu/errors.ts';
import type { SynthesisResult } from '../../src/gpu/tts/types.ts';
import { synthesisToOpusPackets } from '../../src/voice/reply-audio.ts';
import { oggOpusOf, webmOpusOf } from '../fakes/speech/index.ts';

const result = (audio: Buffer, format: SynthesisResult['format'], sampleRate?: number): SynthesisResult => ({ audio, format, provider: 'test', ms: 0, ...(sampleRate ? { sampleRate } : {}) });

async function collect(r: SynthesisResult): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const p of synthesisToOpusPackets(r)) out.push(p);
  return out;
}

function tonePackets(ms: number): Buffer[] {
  const n = (48_000 * ms) / 1000;
  const pcm = new Int16Array(n * 2);
  for (let i = 0; i < n; i++) pcm[2 * i] = pcm[2 * i + 1] = Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / 48_000));
  const enc = new OpusPacketEncoder();
  const out = [...enc.encode(pcm), ...enc.flush()];
  enc.close();
  return out;
}

function playable(packets: Buffer[]): { frames: number; failures: number } {
  const d = new OpusPacketDecoder();
  for (const p of packets) expect(d.decode(p).length).toBe(OPUS_FRAME_SAMPLES * 2);
  const failures = d.failures;
  d.close();
  return { frames: packets.length, failures };
}

describe('synthesisToOpusPackets', () => {
  test('Ogg/Opus from XTTS and WebM/Opus from Edge pass through packet for packet', async () => {
    const ogg = await collect(result(await oggOpusOf('Tell me about a project you are proud of.'), 'ogg-opus'));
    const webm = await collect(result(await webmOpusOf('Tell me about a project you are proud of.'), 'webm-opus'));
    expect(ogg.length).toBeGreaterThan(50);
    expect(webm.map((p) => p.toString('hex'))).toEqual(ogg.map((p) => p.toString('hex')));
    expect(playable(ogg).failures).toBe(0);
  });

  test('40 ms packets are re-encoded as 20 ms packets of the same length of audio', async () => {
    // Code 1 packets (RFC 6716 3.2.2): two equal 20 ms frames in one packet.
    const doubled = tonePackets(400).map((p) => Buffer.concat([Buffer.from([(p[0]! & 0xfc) | 1]), p.subarray(1), p.subarray(1)]));
    expect(doubled.every((p) => opusPacketSamples(p) === 2 * OPUS_FRAME_SAMPLES)).toBe(true);
    const mux = new OggOpusMuxer();
    const ogg = Buffer.concat([...doubled.map((p) => mux.write(p)), mux.end()]);
    const out = await collect(result(ogg, 'ogg-opus'));
    expect(out.length).toBe(doubled.length * 2);
    expect(out.every((p) => opusPacketSamples(p) === OPUS_FRAME_SAMPLES)).toBe(true);
    expect(playable(out).failures).toBe(0);
  });

  test('raw 24 kHz PCM and 22.05 kHz WAV are encoded to the right number of 20 ms packets', async () => {
    const pcm = Buffer.alloc(24_000 * 2); // 1 s of 24 kHz mono silence
    expect((await collect(result(pcm, 'pcm', 24_000))).length).toBe(50);
    const wav = Buffer.alloc(44 + 22_050 * 2);
    wav.write('RIFF', 0, 'ascii');
    wav.writeUInt32LE(36 + 22_050 * 2, 4);
    wav.write('WAVEfmt ', 8, 'ascii');
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 20);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(22_050, 24);
    wav.writeUInt32LE(44_100, 28);
    wav.writeUInt16LE(2, 32);
    wav.writeUInt16LE(16, 34);
    wav.write('data', 36, 'ascii');
    wav.writeUInt32LE(22_050 * 2, 40);
    const out = await collect(result(wav, 'wav'));
    expect(out.length).toBe(50);
    expect(playable(out).failures).toBe(0);
  });

  test('mp3 is refused with a typed, non-retryable error (it would need FFmpeg)', async () => {
    const err = await collect(result(Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]), 'mp3')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechError);
    expect(err).toMatchObject({ kind: 'unsupported', retryable: false });
  });
});
