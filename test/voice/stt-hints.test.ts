/**
 * The transcription request carries the interview's vocabulary: resume / job-description
 * terms, names the candidate already said, and the question, so jargon comes back spelled right.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { PlanQuestion } from '../../src/engine/types.ts';
import { createSpeechStack, type SpeechStack } from '../../src/gpu/stack.ts';
import { buildSttPrompt, namesIn, sessionTerms } from '../../src/voice/stt-prompt.ts';
import { FakeSpeechServer } from '../fakes/speech/index.ts';
import { buildTimeline, speak, type SpokenClip } from '../audio/speech-fixtures.ts';
import { speechConfig } from '../gpu/speech/helpers.ts';
import { ToneTts } from './helpers/fake-speech.ts';
import { CANDIDATE, voiceHarness, type Harness } from './helpers/harness.ts';

let first: SpokenClip;
let second: SpokenClip;
beforeAll(async () => {
  first = await speak('I built the pipeline with Priya Raman on the data team');
  second = await speak('we moved the reports to a column store');
});

let server: FakeSpeechServer | null = null;
let stack: SpeechStack | null = null;
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.session.close();
  stack?.stop();
  await server?.stop();
  server = null;
});

describe('speech-to-text hints', () => {
  test('each transcription request is prompted with the resume terms, the names already used and the question', async () => {
    server = await new FakeSpeechServer().start();
    const said = ['I built the pipeline with Priya Raman on the data team.', 'We moved the reports to ClickHouse.'];
    server.transcript = () => said[server!.transcriptions.length - 1] ?? '';
    stack = createSpeechStack({ config: speechConfig({ GPU_SERVER_URL: server.url }), backoffMs: 10 });
    const h = await voiceHarness({ stt: stack.stt, tts: new ToneTts() }, { sttTerms: ['Kubernetes operator', 'ClickHouse'] });
    open.push(h);
    await h.session.speak(h.start.messages);
    const question = h.start.messages.at(-1)!;

    let replied = h.nextReply();
    await h.pushPackets(CANDIDATE, (await buildTimeline([{ silenceMs: 300 }, { speech: first }, { silenceMs: 2000 }])).packets);
    const reply = await replied;
    const firstPrompt = server.transcriptions[0]!.fields.prompt!;
    expect(firstPrompt).toContain('Kubernetes operator');
    expect(firstPrompt).toContain('ClickHouse');
    expect(firstPrompt).toContain(question.slice(-60));

    replied = h.nextReply();
    await h.pushPackets(CANDIDATE, (await buildTimeline([{ silenceMs: 300 }, { speech: second }, { silenceMs: 2000 }])).packets);
    await replied;
    const secondPrompt = server.transcriptions.at(-1)!.fields.prompt!;
    expect(secondPrompt).toContain('Priya');
    expect(secondPrompt).toContain('Raman');
    expect(secondPrompt).toContain('ClickHouse');
    expect(secondPrompt).toContain(reply.messages.at(-1)!.slice(-60));
    expect(h.answers).toEqual(said);
  });

  test('the vocabulary keeps its place in the prompt however long the answer grows; the latest words are kept', () => {
    const soFar = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const p = buildSttPrompt({ terms: ['ClickHouse', 'Kubernetes operator'], names: ['Priya'], question: 'Tell me about a migration.', soFar });
    expect(p.length).toBeLessThanOrEqual(600);
    expect(p.startsWith('Priya, ClickHouse, Kubernetes operator.')).toBe(true);
    expect(p.endsWith('word79')).toBe(true);
  });

  test('names and product names are picked out of what was said; sentence starts are not names', () => {
    expect(namesIn('So I joined Stripe in 2019. Then I worked with Priya on ClickHouse and gRPC.')).toEqual(['Stripe', 'Priya', 'ClickHouse', 'gRPC']);
  });

  test('the terms come from the resume and job description quotes the plan carries', () => {
    const q = (text: string, quote?: string): PlanQuestion =>
      ({ id: text, text, competency: 'x', difficulty: 'medium', rubric: [], followUps: [], source: quote ? { kind: 'document', refs: [{ source: 'resume.pdf', lineStart: 1, lineEnd: 1, quote }] } : { kind: 'bank' } }) as PlanQuestion;
    const terms = sessionTerms({ role: 'Data Engineer', userName: 'Emma', plan: [q('Tell me about yourself.'), q('How did you build the Kubernetes operator?', 'Built a Kubernetes operator in Go that scaled ClickHouse clusters')] });
    expect(terms).toEqual(expect.arrayContaining(['Emma', 'Kubernetes', 'ClickHouse', 'Data Engineer']));
  });
});
