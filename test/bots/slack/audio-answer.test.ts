// An audio clip posted in the interview thread is transcribed (real speech stack against a
// fake OpenAI-compatible speech server) and recorded as the candidate's answer.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { OggOpusMuxer, OpusPacketEncoder } from '../../../src/audio/index.ts';
import { float32ToInt16, monoToStereo } from '../../../src/audio/pcm.ts';
import { resample } from '../../../src/audio/resampler.ts';
import { createSpeechStack } from '../../../src/gpu/stack.ts';
import { sessionKey } from '../../../src/bots/slack/keys.ts';
import { silentLogger } from '../../../src/logger.ts';
import { transcribeAudioFile } from '../../../src/voice/transcribe-file.ts';
import { FAKE_TEAM_ID } from '../../fakes/slack/index.ts';
import { FakeSpeechServer } from '../../fakes/speech/index.ts';
import { speak } from '../../audio/speech-fixtures.ts';
import { CANDIDATE, CHANNEL, startHarness, type Harness } from './harness.ts';

let clip: Buffer;
beforeAll(async () => {
  const c = await speak('At my last job I cut our deploy time by half.');
  const x48 = await resample(c.samples, { inputRate: c.sampleRate, outputRate: 48_000 });
  const enc = new OpusPacketEncoder({ channels: 2 });
  const packets = [...enc.encode(float32ToInt16(monoToStereo(x48))), ...enc.flush()];
  enc.close();
  const mux = new OggOpusMuxer();
  clip = Buffer.concat([...packets.map((p) => mux.write(p)), mux.end()]);
});

let h: Harness;
let gpu: FakeSpeechServer;
afterEach(async () => {
  await h?.close();
  await gpu?.stop();
});

it('a Slack audio clip in the thread is transcribed and taken as the answer', async () => {
  gpu = await new FakeSpeechServer().start();
  gpu.transcript = 'At my last job I cut our deploy time by half.';
  const speech = createSpeechStack({ config: loadConfig({ GPU_SERVER_URL: gpu.url, EDGE_TTS_ENABLED: 'false' }), logger: silentLogger() });
  h = await startHarness({ transcribe: (bytes, type) => transcribeAudioFile(speech, bytes, type) });
  await h.command('behavioral');
  const parent = h.parent("Emma's behavioral interview")!;
  const file = h.fake.addFile({ name: 'audio_message.webm', mimetype: 'audio/ogg', bytes: clip, user: CANDIDATE.id, channel: CHANNEL });
  const share = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: '', thread_ts: parent.ts });
  await h.event({ type: 'message', subtype: 'file_share', channel: CHANNEL, channel_type: 'channel', user: CANDIDATE.id, text: '', ts: share.ts, thread_ts: parent.ts, files: [{ id: file.id, name: 'audio_message.webm', mimetype: 'audio/ogg', subtype: 'slack_audio' }] });
  // The server got 16 kHz mono WAV of the clip's length, and the transcript was posted and recorded.
  expect(gpu.transcriptions).toHaveLength(1);
  expect(gpu.transcriptions[0]!.wav).toMatchObject({ sampleRate: 16_000, channels: 1 });
  expect(h.botReplies(parent.ts).some((m) => (m.text ?? '').includes(':studio_microphone: At my last job I cut our deploy time by half.'))).toBe(true);
  const s = await h.engine.getByKey(sessionKey(FAKE_TEAM_ID, CHANNEL, parent.ts));
  expect(s!.answers[0]!.parts).toEqual(['At my last job I cut our deploy time by half.']);
});

it('without a speech service an audio clip gets a polite note and nothing is recorded', async () => {
  h = await startHarness();
  await h.command('screening');
  const parent = h.parent("Emma's screening interview")!;
  const file = h.fake.addFile({ name: 'clip.webm', mimetype: 'audio/webm', bytes: Buffer.from('x'), user: CANDIDATE.id, channel: CHANNEL });
  const share = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: '', thread_ts: parent.ts });
  await h.event({ type: 'message', subtype: 'file_share', channel: CHANNEL, channel_type: 'channel', user: CANDIDATE.id, text: '', ts: share.ts, thread_ts: parent.ts, files: [{ id: file.id, name: 'clip.webm', mimetype: 'audio/webm' }] });
  const notes = h.fake.ephemerals().map((e) => String(e.text ?? ''));
  expect(notes.some((t) => /can't listen to audio clips/.test(t))).toBe(true);
  const s = await h.engine.getByKey(sessionKey(FAKE_TEAM_ID, CHANNEL, parent.ts));
  expect(s!.answers[0]!.parts).toEqual([]);
});
