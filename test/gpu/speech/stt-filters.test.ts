/**
 * Text Whisper makes up on silence or noise never comes back as words: known phrases, and
 * (with verbose_json) segments the server marks as no speech or as guessed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSpeechStack, type SpeechStack } from '../../../src/gpu/stack.ts';
import { isHallucination, keepSpokenSegments } from '../../../src/gpu/stt/hallucinations.ts';
import { FakeSpeechServer } from '../../fakes/speech/index.ts';
import { speechConfig, speechWav } from './helpers.ts';

let gpu: FakeSpeechServer;
let stack: SpeechStack | undefined;

beforeEach(async () => {
  gpu = await new FakeSpeechServer().start();
});

afterEach(async () => {
  stack?.stop();
  stack = undefined;
  await gpu.stop();
});

function build(env: Record<string, string> = {}): SpeechStack {
  stack = createSpeechStack({ config: speechConfig({ GPU_SERVER_URL: gpu.url, STT_TIMEOUT_MS: '2000', ...env }), backoffMs: 10 });
  return stack;
}

describe('speech-to-text output filters', () => {
  it('asks for verbose_json and drops the segments marked as no speech or guessed, keeping the spoken ones', async () => {
    gpu.transcript = () => ({
      text: 'I scaled the ingest service. Thank you for watching. Subscribe for more.',
      segments: [
        { text: ' I scaled the ingest service.', no_speech_prob: 0.01, avg_logprob: -0.2 },
        { text: ' Thank you for watching.', no_speech_prob: 0.2, avg_logprob: -0.4 },
        { text: ' Subscribe for more.', no_speech_prob: 0.85, avg_logprob: -0.9 },
      ],
    });
    const { wav } = await speechWav('I scaled the ingest service.', 22_050, 1);
    const r = await build().stt.transcribe({ wav });
    expect(gpu.transcriptions[0]!.fields.response_format).toBe('verbose_json');
    expect(r.text).toBe('I scaled the ingest service.');
    expect(r.droppedSegments).toBe(2);
  });

  it('a whole transcript of a known made-up phrase comes back empty, also from a server that answers plain json', async () => {
    gpu.transcript = 'Thank you for watching!';
    const { wav } = await speechWav('mm', 22_050, 1);
    const s = build({ STT_RESPONSE_FORMAT: 'json' });
    const r = await s.stt.transcribe({ wav });
    expect(gpu.transcriptions[0]!.fields.response_format).toBe('json');
    expect(r.text).toBe('');
  });

  it('a very low log-probability drops a segment; the thresholds are settings', async () => {
    gpu.transcript = () => ({ text: 'Kubernetes operators. Mumble mumble.', segments: [{ text: 'Kubernetes operators.', avg_logprob: -0.3 }, { text: ' Mumble mumble.', avg_logprob: -1.4, no_speech_prob: 0.1 }] });
    const { wav } = await speechWav('Kubernetes operators.', 22_050, 1);
    expect((await build().stt.transcribe({ wav })).text).toBe('Kubernetes operators.');
    stack?.stop();
    expect((await build({ STT_MIN_AVG_LOGPROB: '-2' }).stt.transcribe({ wav })).text).toBe('Kubernetes operators. Mumble mumble.');
  });

  it('knows the phrases, annotations and loops Whisper writes on silence, and leaves real answers alone', () => {
    for (const t of ['Thank you for watching.', 'Thanks for watching!', '[Music]', '(coughs)', 'Subtitles by the Amara.org community', 'you', 'Thank you. Thank you. Thank you.']) expect(isHallucination(t), t).toBe(true);
    for (const t of ['Thank you.', 'Thank you for the question, I led the migration.', 'We watched the error rate.', 'Yes.']) expect(isHallucination(t), t).toBe(false);
    expect(keepSpokenSegments([{ text: 'Hello there.', no_speech_prob: 0.7, avg_logprob: -0.2 }]).text).toBe('');
  });
});
