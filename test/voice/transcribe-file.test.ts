/**
 * Recorded clips to text: a Discord voice message (Ogg/Opus), WAV uploads, formats only
 * some providers take, and the messages a person sees when a clip cannot be used.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createDiscordVoice } from '../../src/bots/discord/voice/index.ts';
import { loadConfig } from '../../src/config.ts';
import { OggOpusMuxer, OpusPacketEncoder } from '../../src/audio/index.ts';
import { float32ToInt16, monoToStereo } from '../../src/audio/pcm.ts';
import { resample } from '../../src/audio/resampler.ts';
import { encodeWav } from '../../src/audio/wav.ts';
import { createSpeechStack } from '../../src/gpu/stack.ts';
import type { EncodedFormat, SpeechToText, SttAudio, TranscribeResult } from '../../src/gpu/stt/types.ts';
import { silentLogger } from '../../src/logger.ts';
import { createApp } from '../../src/app/app.ts';
import { AudioFileError, transcribeAudioFile } from '../../src/voice/transcribe-file.ts';
import { FakeSpeechServer } from '../fakes/speech/index.ts';
import { speak, type SpokenClip } from '../audio/speech-fixtures.ts';
import { ScriptedStt } from './helpers/fake-speech.ts';

let clip: SpokenClip;
let voiceMessage: Buffer;
beforeAll(async () => {
  clip = await speak('My biggest strength is explaining hard problems simply.');
  voiceMessage = await oggVoiceMessage(clip);
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

/** What the Discord client records: 48 kHz Opus in Ogg. */
async function oggVoiceMessage(c: SpokenClip): Promise<Buffer> {
  const x48 = await resample(c.samples, { inputRate: c.sampleRate, outputRate: 48_000 });
  const enc = new OpusPacketEncoder({ channels: 2 });
  const packets = [...enc.encode(float32ToInt16(monoToStereo(x48))), ...enc.flush()];
  enc.close();
  const mux = new OggOpusMuxer();
  return Buffer.concat([...packets.map((p) => mux.write(p)), mux.end()]);
}

/** Remembers what it was sent; accepts the encoded formats it is told to. */
class RecordingStt implements SpeechToText {
  readonly name = 'recording-stt';
  readonly sent: SttAudio[] = [];
  private readonly takes: EncodedFormat[];
  constructor(takes: EncodedFormat[] = []) {
    this.takes = takes;
  }
  accepts(format: EncodedFormat): boolean {
    return this.takes.includes(format);
  }
  async transcribe(audio: SttAudio): Promise<TranscribeResult> {
    this.sent.push(audio);
    return { text: ' understood ', provider: this.name, model: 'x', ms: 0 };
  }
}

// A CBR MPEG-1 layer III frame header (128 kbps, 44.1 kHz) repeated: enough for the sniffer and duration reader.
function mp3(seconds: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: Math.round(seconds * 38.28) }, () => frame));
}

describe('transcribeAudioFile', () => {
  test('a Discord voice message (Ogg/Opus) is decoded to 16 kHz mono and transcribed', async () => {
    const stt = await ScriptedStt.forClips([clip]);
    expect(await transcribeAudioFile({ stt }, voiceMessage, 'audio/ogg')).toBe(clip.text);
    const call = stt.calls[0]!;
    expect(Math.abs(call.durationMs - clip.durationMs)).toBeLessThan(100);
  });

  test('a 44.1 kHz stereo WAV is converted to 16 kHz mono before it is sent', async () => {
    const x = await resample(clip.samples, { inputRate: clip.sampleRate, outputRate: 44_100 });
    const wav = encodeWav({ sampleRate: 44_100, channels: 2, samples: float32ToInt16(monoToStereo(x)) });
    const stt = new RecordingStt();
    expect(await transcribeAudioFile({ stt }, wav, 'audio/wav')).toBe('understood');
    const sent = stt.sent[0]!;
    expect('pcm16' in sent && sent.sampleRate).toBe(16_000);
    expect('pcm16' in sent && Math.abs(sent.pcm16.length / 16_000 - x.length / 44_100)).toBeLessThan(0.01);
  });

  test('mp3 goes to a provider that takes it as it is, and gets a plain refusal otherwise', async () => {
    const taker = new RecordingStt(['mp3']);
    expect(await transcribeAudioFile({ stt: taker }, mp3(3), 'audio/mpeg')).toBe('understood');
    expect(taker.sent[0]).toMatchObject({ format: 'mp3' });
    const refuser = new RecordingStt();
    const err = await transcribeAudioFile({ stt: refuser }, mp3(3), 'audio/mpeg').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AudioFileError);
    expect((err as AudioFileError).code).toBe('unsupported_audio');
    expect((err as Error).message).toMatch(/can't transcribe mp3 .*voice message, or a WAV or Ogg\/Opus file/);
    expect(refuser.sent).toEqual([]);
  });

  test('too large, too long, or not audio at all: a message the sender can act on, and nothing sent', async () => {
    const stt = new RecordingStt(['mp3']);
    await expect(transcribeAudioFile({ stt }, voiceMessage, 'audio/ogg', { maxBytes: 1000 })).rejects.toMatchObject({ code: 'too_large', message: expect.stringMatching(/limit is/) });
    await expect(transcribeAudioFile({ stt }, voiceMessage, 'audio/ogg', { maxSeconds: 1 })).rejects.toMatchObject({ code: 'audio_too_long' });
    await expect(transcribeAudioFile({ stt }, Buffer.from('this is not audio, just text pretending'), 'audio/ogg')).rejects.toMatchObject({
      code: 'unsupported_audio',
      message: expect.stringMatching(/Voice messages, WAV and Ogg\/Opus files work/),
    });
    expect(stt.sent).toEqual([]);
  });

  test("the Discord surface's transcribeAttachment sends a voice message to the GPU server as 16 kHz mono WAV", async () => {
    const gpu = await new FakeSpeechServer().start();
    cleanup.push(() => gpu.stop());
    gpu.transcript = 'It went well.';
    const config = loadConfig({ STORE_URL: 'memory://', LOG_LEVEL: 'silent', EDGE_TTS_ENABLED: 'false', GPU_SERVER_URL: gpu.url });
    const runtime = await createApp(config, silentLogger());
    cleanup.push(() => runtime.close());
    const voice = createDiscordVoice({ app: runtime, speech: createSpeechStack({ config }), logger: silentLogger() });
    expect(await voice.transcribeAttachment(voiceMessage, 'audio/ogg')).toBe('It went well.');
    expect(gpu.transcriptions[0]!.wav).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16 });
    expect(gpu.transcriptions[0]!.fields['language']).toBe('en');
  });
});
