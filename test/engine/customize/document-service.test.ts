import { describe, expect, test } from 'vitest';
import { DocumentService } from '../../../src/engine/customize/document-service.ts';
import { createCustomPlanner } from '../../../src/engine/customize/planner.ts';
import { DocumentError } from '../../../src/engine/docs/errors.ts';
import { InterviewEngine } from '../../../src/engine/engine.ts';
import { MemoryKeyValueStore } from '../../../src/engine/store/memory-store.ts';
import { SessionStore } from '../../../src/engine/store/session-store.ts';
import { makePdf } from '../docs/make-files.ts';
import { expectGrounded, JD, memoryDocuments, RESUME, resumeLines, resumePdfBytes, silent } from './helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** Every key the store holds for a user's documents. */
async function docKeys(store: SessionStore, userKey: string, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const k of [...ids.map((id) => `urec:${userKey}:doc:${id}`), `urec:${userKey}:docs`]) if ((await store.kv.get(k)) !== undefined) out.push(k);
  return out;
}

describe('DocumentService', () => {
  test('a PDF resume is parsed, summarised in one line and stored as text and lines (never the bytes)', async () => {
    const { store, documents } = memoryDocuments();
    const bytes = await resumePdfBytes();
    const r = await documents.ingest('u:1', { bytes, filename: 'C:\\fakepath\\resume.pdf', kind: 'resume' });
    expect(r.summary).toMatch(/^resume, 2 pages: 3 roles, 3 projects, \d\d skills$/);
    expect(r.filename).toBe('resume.pdf');
    const stored = await store.getUserRecord<Record<string, unknown>>('u:1', `doc:${r.id}`);
    expect(stored).toMatchObject({ id: r.id, filename: 'resume.pdf', kind: 'resume', format: 'pdf', pages: 2 });
    expect(Object.keys(stored!).sort()).toEqual(['filename', 'format', 'id', 'kind', 'lines', 'pages', 'text']);
    const [loaded] = await documents.load('u:1', [r.id]);
    expect(loaded!.lines).toContain('Senior Software Engineer — Finch Payments, Bengaluru (Mar 2021 – Present)');
    expect(loaded!.text).toBe(loaded!.lines.join('\n'));
  });

  test('a job description gets its own summary; the list shows both; load keeps the order asked and skips unknown ids', async () => {
    const { documents } = memoryDocuments();
    const a = await documents.ingest('u:1', { bytes: enc(RESUME), filename: 'resume.txt', kind: 'resume' });
    const b = await documents.ingest('u:1', { bytes: enc(JD), filename: 'jd.txt' });
    expect(b.kind).toBe('job-description');
    expect(b.summary).toBe('job description: Senior Backend Engineer at Northwind Freight; 24 skills (18 required), 5 responsibilities');
    expect((await documents.list('u:1')).map((e) => e.filename)).toEqual(['resume.txt', 'jd.txt']);
    expect((await documents.load('u:1', [b.id, 'ffffffffffffffff', a.id])).map((d) => d.filename)).toEqual(['jd.txt', 'resume.txt']);
    // Another user's ids are not theirs to load.
    expect(await documents.load('u:2', [a.id])).toEqual([]);
  });

  test('a refused file leaves nothing behind, and the error is the one to show the user', async () => {
    const { store, documents } = memoryDocuments();
    const err = await documents.ingest('u:1', { bytes: enc('%PDF-1.7 this is not really a pdf'), filename: 'resume.pdf' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as DocumentError).message).toMatch(/could not be read|isn't a valid PDF/);
    expect(await documents.list('u:1')).toEqual([]);
    expect(await store.kv.get('urecs:u:1')).toBeUndefined();
  });

  test('limits come from config: bytes and pages', async () => {
    const store = new SessionStore(new MemoryKeyValueStore());
    const small = new DocumentService({ store, maxBytes: 2048, maxPages: 1 });
    expect(small.maxBytes).toBe(2048);
    const big = await small.ingest('u:1', { bytes: enc(RESUME), filename: 'resume.txt' }).catch((e: unknown) => e);
    expect((big as DocumentError).code).toBe('too_large');
    const twoPages = await makePdf([resumeLines.slice(0, 20), resumeLines.slice(20)]);
    const pages = await new DocumentService({ store, maxPages: 1 }).ingest('u:1', { bytes: twoPages, filename: 'resume.pdf' }).catch((e: unknown) => e);
    expect((pages as DocumentError).code).toBe('too_many_pages');
    expect(await small.list('u:1')).toEqual([]);
  });

  test('only the newest documents are kept; re-uploading the same file replaces it', async () => {
    const store = new SessionStore(new MemoryKeyValueStore());
    const documents = new DocumentService({ store, maxDocuments: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await documents.ingest('u:1', { bytes: enc(`${RESUME}\nVersion ${i}`), filename: `resume-${i}.txt` })).id);
    await documents.ingest('u:1', { bytes: enc(`${RESUME}\nVersion 2`), filename: 'resume-2-again.txt' });
    expect((await documents.list('u:1')).map((e) => e.filename)).toEqual(['resume-1.txt', 'resume-2-again.txt']);
    expect(await documents.load('u:1', [ids[0]!])).toEqual([]);
  });

  test('forget deletes every document of the user, and engine.forget does too', async () => {
    const { store, documents } = memoryDocuments();
    const a = await documents.ingest('u:1', { bytes: enc(RESUME), filename: 'resume.txt' });
    const other = await documents.ingest('u:2', { bytes: enc(RESUME), filename: 'resume.txt' });
    await documents.forget('u:1');
    expect(await docKeys(store, 'u:1', [a.id])).toEqual([]);
    expect(await documents.load('u:2', [other.id])).toHaveLength(1);

    const b = await documents.ingest('u:2', { bytes: enc(JD), filename: 'jd.txt' });
    const engine = new InterviewEngine({ store, logger: silent });
    await engine.forget('u:2');
    expect(await docKeys(store, 'u:2', [other.id, b.id])).toEqual([]);
    expect(await documents.list('u:2')).toEqual([]);
  });
});

describe('the engine API with documents', () => {
  test('engine.start with ids from ingest runs a personal interview; the report cites the documents', async () => {
    const { store, documents } = memoryDocuments();
    const engine = new InterviewEngine({ store, logger: silent, customPlanner: createCustomPlanner({ documents, logger: silent }) });
    const resume = await documents.ingest('u:1', { bytes: await resumePdfBytes(), filename: 'resume.pdf', kind: 'resume' });
    const jd = await documents.ingest('u:1', { bytes: enc(JD), filename: 'jd.txt', kind: 'job-description' });
    const start = await engine.start({ key: 'api:1', userKey: 'u:1', type: 'customize', seed: 5, documentIds: [resume.id, jd.id] });
    expect(start.progress.total).toBe(10);
    expect(start.messages.some((m) => m.startsWith('Plan: built by the built-in rules from resume.pdf and jd.txt'))).toBe(true);
    const session = (await engine.getById(start.sessionId))!;
    const docs = await documents.load('u:1', [resume.id, jd.id]);
    expectGrounded(session.plan, docs);
    let r = start;
    for (let turns = 0; !r.done && turns < 40; turns++) {
      r = await engine.handle('api:1', { kind: 'answer', text: 'At Finch Payments I replaced nightly batch jobs with Kafka consumers, measured end-to-end latency with Prometheus, and cut it from 9 to 5.4 minutes over two months.' });
    }
    expect(r.done).toBe(true);
    const report = r.report!;
    expect(report.questions).toHaveLength(10);
    expect(report.questions.filter((q) => q.source?.refs?.length).length).toBe(10);
    expect(report.modeNotes.some((n) => n.startsWith('Plan: built by the built-in rules'))).toBe(true);
  });

  test('documents sent after a customize interview started: the plan is rebuilt around them', async () => {
    const { store, documents } = memoryDocuments();
    const engine = new InterviewEngine({ store, logger: silent, customPlanner: createCustomPlanner({ documents, logger: silent }) });
    const start = await engine.start({ key: 'api:2', userKey: 'u:1', type: 'customize', seed: 5 });
    expect(start.messages.some((m) => /no documents were available/.test(m))).toBe(true);
    const resume = await documents.ingest('u:1', { bytes: enc(RESUME), filename: 'resume.txt' });
    const again = await engine.attachDocuments(start.sessionId, [resume.id]);
    expect(again!.messages[0]).toMatch(/read your documents/);
    expect(again!.messages.some((m) => m.startsWith('Plan: built by the built-in rules from resume.txt'))).toBe(true);
    const s = (await engine.getById(start.sessionId))!;
    expect(s.plan[0]!.source.kind).toBe('document');
  });
});
