import { createAudioResource, StreamType } from '@discordjs/voice';
import { describe, expect, test } from 'vitest';
import { oggOpusStream } from '../../src/audio/ogg-opus.ts';
import { OpusPacketDecoder } from '../../src/audio/opus.ts';
import { float32ToInt16, int16ToBuffer } from '../../src/audio/pcm.ts';
import { pcmToOpusPackets } from '../../src/audio/playback.ts';
import { speak } from './speech-fixtures.ts';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function tone(freq: number, rate: number, seconds: number): Int16Array {
  const x = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = 0.4 * Math.sin((2 * Math.PI * freq * i) / rate);
  return float32ToInt16(x);
}

describe('TTS playback path', () => {
  test('24 kHz mono PCM arriving in uneven byte chunks becomes 20 ms Opus packets of the same tone and length', async () => {
    const bytes = int16ToBuffer(tone(1000, 24000, 1));
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 1001) chunks.push(bytes.subarray(i, i + 1001)); // odd sizes split samples
    const packets = await collect(pcmToOpusPackets(chunks, { sampleRate: 24000, channels: 1 }));
    expect(packets).toHaveLength(50);
    const dec = new OpusPacketDecoder();
    const left: number[] = [];
    for (const p of packets) {
      const f = dec.decode(p);
      for (let i = 0; i < f.length; i += 2) left.push(f[i]!);
    }
    dec.close();
    const mid = left.slice(4800, 43200);
    let crossings = 0;
    for (let i = 1; i < mid.length; i++) if ((mid[i - 1]! < 0) !== (mid[i]! < 0)) crossings++;
    expect(Math.abs(crossings / 2 / (mid.length / 48000) - 1000)).toBeLessThan(10);
  });

  test('an espeak-ng answer (22.05 kHz) plays through @discordjs/voice as Ogg Opus', async () => {
    const clip = await speak('Thanks, that was a clear answer.');
    const packets = await collect(pcmToOpusPackets([float32ToInt16(clip.samples)], { sampleRate: clip.sampleRate, channels: 1 }));
    expect(packets.length).toBe(Math.ceil(clip.durationMs / 20 - 1e-9));
    const resource = createAudioResource(oggOpusStream(packets), { inputType: StreamType.OggOpus });
    expect(await collect(resource.playStream)).toHaveLength(packets.length);
  });
});
