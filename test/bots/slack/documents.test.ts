// Customized interviews from a file shared in the thread (a fake documents service stands in
// for the real parser; the download, size check and hand-over are real).
import { afterEach, describe, expect, it } from 'vitest';
import type { UploadedFile } from '../../../src/chat/documents.ts';
import { sessionKey } from '../../../src/bots/slack/keys.ts';
import type { CustomPlanner } from '../../../src/engine/engine.ts';
import type { PlanQuestion } from '../../../src/engine/types.ts';
import { DocumentError } from '../../../src/engine/docs/errors.ts';
import { FAKE_TEAM_ID } from '../../fakes/slack/index.ts';
import { CANDIDATE, CHANNEL, progressOf, startHarness, textOf, type Harness } from './harness.ts';

const RESUME = 'Emma Stone\nBackend engineer, 6 years\nLed the payments migration to Kafka at Acme (2022-2024)\n';

function fakeDocuments() {
  const received: { userKey: string; file: UploadedFile }[] = [];
  return {
    received,
    async ingest(userKey: string, file: UploadedFile) {
      if (file.filename.endsWith('.md') && Buffer.from(file.bytes).toString().includes('SCANNED')) {
        throw new DocumentError('no_text', 'That file has no readable text.');
      }
      received.push({ userKey, file });
      return { id: `doc-${received.length}`, summary: 'Resume: backend engineer, 6 years, payments and Kafka.' };
    },
  };
}

/** A planner that asks about the documents it was given, so the test sees they arrived. */
function planner(seen: string[][]): CustomPlanner {
  return async ({ documentIds }) => {
    seen.push(documentIds);
    if (!documentIds.length) return null;
    const plan: PlanQuestion[] = [1, 2, 3].map((n) => ({
      id: `custom-${n}`,
      text: `About ${documentIds.join(', ')}: tell me about the payments migration, part ${n}.`,
      competency: 'ownership',
      difficulty: 'medium',
      rubric: [{ id: 'impact', description: 'Shows impact', weight: 1, strong: 'numbers' }] as never,
      followUps: [],
      source: { kind: 'document' },
    }));
    return { plan, notes: ['Plan: built from your documents.'], calls: [] };
  };
}

describe('Slack customize interview with documents', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('reads a resume shared in the thread and builds the interview from it', async () => {
    const docs = fakeDocuments();
    const plans: string[][] = [];
    h = await startHarness({ documents: docs, engine: { customPlanner: planner(plans) } });
    await h.command('customize backend');
    const parent = h.parent("Emma's customized interview")!;
    expect(textOf(parent)).toContain('Waiting for a resume');
    expect(h.botReplies(parent.ts).at(-1)?.text).toContain('Share your resume or the job description');
    expect(await h.engine.getByKey(sessionKey(FAKE_TEAM_ID, CHANNEL, parent.ts))).toBeUndefined();

    const file = h.fake.addFile({ name: 'resume.txt', bytes: RESUME, user: CANDIDATE.id, channel: CHANNEL });
    const share = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: '', thread_ts: parent.ts });
    await h.event({ type: 'message', subtype: 'file_share', channel: CHANNEL, channel_type: 'channel', user: CANDIDATE.id, text: '', ts: share.ts, thread_ts: parent.ts, files: [{ id: file.id, name: 'resume.txt' }] });

    expect(h.fake.calls('files.info').map((c) => c.args.file)).toContain(file.id);
    expect(h.fake.downloads()).toEqual([expect.objectContaining({ file_id: file.id, authorized: true })]);
    expect(docs.received).toHaveLength(1);
    expect(docs.received[0]!.userKey).toBe(`slack:${FAKE_TEAM_ID}:${CANDIDATE.id}`);
    expect(Buffer.from(docs.received[0]!.file.bytes).toString()).toBe(RESUME);
    expect(docs.received[0]!.file).toMatchObject({ filename: 'resume.txt', mimeType: 'text/plain' });
    expect(h.botReplies(parent.ts).at(-1)?.text).toContain('Read *resume.txt*: Resume: backend engineer');

    await h.reply(parent.ts, 'start');
    expect(plans).toEqual([['doc-1']]);
    const q = h.questionMessage(parent.ts)!;
    expect(textOf(q)).toContain('About doc-1: tell me about the payments migration, part 1.');
    expect(progressOf(q)).toBe('Question 1 of 3');
    expect(h.fake.messages(CHANNEL).find((m) => m.ts === parent.ts)?.text).toBe("Emma's customized interview for backend engineer, 3 questions");
  });

  it('refuses files that are too large or unreadable, without downloading the large one', async () => {
    const docs = fakeDocuments();
    h = await startHarness({ documents: docs, env: { MAX_UPLOAD_BYTES: '1024' } });
    await h.command('customize');
    const parent = h.parent("Emma's customized interview")!;
    const big = h.fake.addFile({ name: 'resume.pdf', bytes: Buffer.alloc(4096, 65), user: CANDIDATE.id, channel: CHANNEL });
    const scan = h.fake.addFile({ name: 'notes.md', bytes: 'SCANNED', user: CANDIDATE.id, channel: CHANNEL });
    const image = h.fake.addFile({ name: 'photo.png', bytes: 'png', user: CANDIDATE.id, channel: CHANNEL });
    const share = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: '', thread_ts: parent.ts });
    await h.event({ type: 'message', subtype: 'file_share', channel: CHANNEL, user: CANDIDATE.id, text: '', ts: share.ts, thread_ts: parent.ts, files: [big, scan, image].map((f) => ({ id: f.id, name: f.name })) });

    expect(h.fake.downloads().map((d) => d.file_id)).toEqual([scan.id]);
    expect(docs.received).toEqual([]);
    const said = h.botReplies(parent.ts).at(-1)?.text ?? '';
    expect(said).toContain('Could not use *resume.pdf*: That file is 4 KB; the limit is 1 KB.');
    expect(said).toContain('Could not use *notes.md*: That file has no readable text.');
    expect(said).toContain('Could not use *photo.png*: I can read PDF, DOCX, TXT or MD files.');

    // With nothing usable, "start" still begins, with role-based questions.
    await h.reply(parent.ts, 'start');
    expect(progressOf(h.questionMessage(parent.ts))).toBe('Question 1 of 10');
  });

  it('starts customize at once and says uploads are unavailable when there is no documents service', async () => {
    h = await startHarness();
    await h.command('customize');
    const parent = h.parent("Emma's customized interview")!;
    const q = h.questionMessage(parent.ts)!;
    expect(progressOf(q)).toBe('Question 1 of 10');
    expect(textOf(q)).toContain('Document upload is not available on this server');
    const file = h.fake.addFile({ name: 'resume.txt', bytes: RESUME, user: CANDIDATE.id, channel: CHANNEL });
    const share = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: '', thread_ts: parent.ts });
    await h.event({ type: 'message', subtype: 'file_share', channel: CHANNEL, user: CANDIDATE.id, text: '', ts: share.ts, thread_ts: parent.ts, files: [{ id: file.id, name: 'resume.txt' }] });
    expect(h.fake.downloads()).toEqual([]);
    expect(h.fake.ephemerals(CHANNEL).at(-1)?.text).toContain('the file was not used');
    expect(progressOf(h.questionMessage(parent.ts))).toBe('Question 1 of 10');
  });
});
