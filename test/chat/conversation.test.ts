// The conversation layer on its own, with a chat surface that lives in memory: what every
// surface (Discord, Slack, the voice room, the next one) gets from it without writing it again.
import { afterEach, describe, expect, test } from 'vitest';
import { ConversationService } from '../../src/chat/conversation.ts';
import type { DocumentIntake, UploadedFile } from '../../src/chat/documents.ts';
import { RECORDED_NOT_SHOWN, SOMETHING_WENT_WRONG } from '../../src/chat/safe-text.ts';
import { DocumentError } from '../../src/engine/docs/errors.ts';
import { MemoryKeyValueStore } from '../../src/engine/store/memory-store.ts';
import { silentLogger } from '../../src/logger.ts';
import { makeEngine, STRONG_BEHAVIORAL } from '../helpers/engine.ts';
import { MemoryAdapter } from './memory-adapter.ts';

/** A store that can be made to fail, the way a dropped Redis connection does. */
class FlakyStore extends MemoryKeyValueStore {
  failing = false;
  override async get<T>(key: string): Promise<T | undefined> {
    if (this.failing) throw new Error('connect ECONNREFUSED redis://default:hunter2@10.0.0.5:6379');
    return super.get<T>(key);
  }
}

function setup(documents: DocumentIntake | null = null) {
  const kv = new FlakyStore();
  const { engine } = makeEngine({ kv });
  const conversation = new ConversationService({ engine, logger: silentLogger(), documents });
  const adapter = new MemoryAdapter();
  return { kv, engine, conversation, adapter };
}

const start = (c: ConversationService, room: string, user = 'web:ana', scope = 'web:team-1') =>
  c.start({ scope, key: `web:${room}`, userKey: user, userName: 'Ana', type: 'behavioral', seed: 1 });

let ctx: ReturnType<typeof setup>;
afterEach(async () => {
  await ctx?.engine.idle();
});

describe('ConversationService', () => {
  test('one running interview per person and scope: it is found by the person, and gone once the interview ends', async () => {
    ctx = setup();
    const { conversation, adapter } = ctx;
    const first = await start(conversation, 'r1');
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect((await conversation.activeOf('web:ana', 'web:team-1'))?.id).toBe(first.reply.sessionId);
    // Another scope (another server or workspace) has its own.
    expect(await conversation.activeOf('web:ana', 'web:team-2')).toBeUndefined();

    const ended = await conversation.turn(adapter, { room: 'r1' }, first.reply.sessionId, { kind: 'command', command: 'end' });
    expect(ended.recorded).toBe(true);
    expect(adapter.finished).toHaveLength(1);
    expect(adapter.finished[0]!.reply.report?.partial).toBe(true);
    expect(await conversation.activeOf('web:ana', 'web:team-1')).toBeUndefined();
  });

  test('an answer is rendered where it was given, with typing shown while the engine works and stopped after', async () => {
    ctx = setup();
    const { conversation, adapter } = ctx;
    const s = await start(conversation, 'r1');
    if (!s.ok) throw new Error(s.message);
    const out = await conversation.turn(adapter, { room: 'r1' }, s.reply.sessionId, { kind: 'answer', text: STRONG_BEHAVIORAL });
    expect(out.recorded).toBe(true);
    expect(adapter.rendered.map((r) => r.room)).toEqual(['r1']);
    expect(adapter.rendered[0]!.reply.progress.current).toBeGreaterThanOrEqual(1);
    expect(adapter.typingShown).toBe(1);
    expect(adapter.typingNow).toBe(0);
  });

  test('replies appear in the order the answers were given, even when posting the first is slow', async () => {
    ctx = setup();
    const { conversation, adapter } = ctx;
    const s = await start(conversation, 'r1');
    if (!s.ok) throw new Error(s.message);
    adapter.renderDelays = [150, 0];
    const id = s.reply.sessionId;
    const [answered, repeated] = await Promise.all([
      conversation.turn(adapter, { room: 'r1' }, id, { kind: 'answer', text: STRONG_BEHAVIORAL }),
      conversation.turn(adapter, { room: 'r1' }, id, { kind: 'command', command: 'repeat' }),
    ]);
    if (!answered.recorded || !repeated.recorded) throw new Error('both turns should be recorded');
    expect(adapter.rendered.map((r) => r.reply)).toEqual([answered.reply, repeated.reply]);
    expect(adapter.rendered[0]!.reply).toBe(answered.reply);
  });

  test('a failure inside tells the candidate in plain words, never the internal error, and records nothing', async () => {
    ctx = setup();
    const { conversation, adapter, kv, engine } = ctx;
    const s = await start(conversation, 'r1');
    if (!s.ok) throw new Error(s.message);
    const before = (await engine.getById(s.reply.sessionId))!.transcript.length;
    kv.failing = true;
    const out = await conversation.turn(adapter, { room: 'r1' }, s.reply.sessionId, { kind: 'answer', text: STRONG_BEHAVIORAL });
    kv.failing = false;
    expect(out.recorded).toBe(false);
    expect(adapter.notes).toEqual([{ room: 'r1', text: SOMETHING_WENT_WRONG }]);
    expect(JSON.stringify(adapter.notes)).not.toContain('hunter2');
    expect(adapter.rendered).toHaveLength(0);
    expect(adapter.typingNow).toBe(0);
    expect((await engine.getById(s.reply.sessionId))!.transcript.length).toBe(before);
  });

  test('an error written for users is shown as it is', async () => {
    ctx = setup();
    const { conversation, adapter } = ctx;
    const out = await conversation.turn(adapter, { room: 'r9' }, '00000000-0000-4000-8000-000000000000', { kind: 'answer', text: 'hello' });
    expect(out.recorded).toBe(false);
    expect(adapter.notes.map((n) => n.text)).toEqual(['That interview no longer exists.']);
  });

  test('when posting the reply fails the answer is still kept, and the candidate is told so (in the platform\'s words when it has them)', async () => {
    ctx = setup();
    const { conversation, adapter, engine } = ctx;
    const s = await start(conversation, 'r1');
    if (!s.ok) throw new Error(s.message);
    adapter.renderError = new Error('socket hang up');
    const out = await conversation.turn(adapter, { room: 'r1' }, s.reply.sessionId, { kind: 'answer', text: STRONG_BEHAVIORAL });
    expect(out.recorded).toBe(true);
    expect(adapter.notes.at(-1)!.text).toBe(RECORDED_NOT_SHOWN);
    expect((await engine.getById(s.reply.sessionId))!.transcript.some((t) => t.role === 'candidate' && t.text === STRONG_BEHAVIORAL)).toBe(true);

    adapter.renderError = new Error('missing permission');
    await conversation.turn(adapter, { room: 'r1' }, s.reply.sessionId, { kind: 'command', command: 'repeat' });
    expect(adapter.notes.at(-1)!.text).toBe('I may not post in this room.');
  });

  test('a message is handled once: the second claim of the same id gets nothing, a released claim can be taken again', async () => {
    ctx = setup();
    const { conversation } = ctx;
    const claim = await conversation.claimOnce('web:msg-1');
    expect(claim).not.toBeNull();
    expect(await conversation.claimOnce('web:msg-1')).toBeNull();
    await claim!.release();
    expect(await conversation.claimOnce('web:msg-1')).not.toBeNull();
    expect(await conversation.firstTime('web:noted:u2', 60_000)).toBe(true);
    expect(await conversation.firstTime('web:noted:u2', 60_000)).toBe(false);
  });

  test('a thread that goes away ends its interview with a partial report; a place with none does nothing', async () => {
    ctx = setup();
    const { conversation, adapter } = ctx;
    const s = await start(conversation, 'r1');
    if (!s.ok) throw new Error(s.message);
    expect(await conversation.endAt(adapter, { room: 'r1' }, 'web:nowhere')).toBe(false);
    expect(await conversation.endAt(adapter, { room: 'r1' }, 'web:r1')).toBe(true);
    expect(adapter.finished[0]!.session?.status).toBe('ended');
    expect(await conversation.activeOf('web:ana', 'web:team-1')).toBeUndefined();
  });

  test('forgetting a person removes their interviews and their running-interview pointer', async () => {
    ctx = setup();
    const { conversation } = ctx;
    const s = await start(conversation, 'r1');
    if (!s.ok) throw new Error(s.message);
    await ctx.engine.idle();
    expect(await conversation.forget('web:ana')).toBe(1);
    expect(await conversation.activeOf('web:ana', 'web:team-1')).toBeUndefined();
    expect(await conversation.store.getUserRecord('web:ana', 'active:web:team-1')).toBeUndefined();
    expect(await conversation.history('web:ana')).toEqual([]);
  });

  test('documents: too large is refused before downloading, an unreadable one is explained, a good one is stored with its kind', async () => {
    const received: UploadedFile[] = [];
    const documents: DocumentIntake = {
      maxBytes: 1000,
      async ingest(_user, file) {
        if (Buffer.from(file.bytes).toString().includes('SCANNED')) throw new DocumentError('no_text', 'That file has no readable text.');
        received.push(file);
        return { id: `doc-${received.length}`, summary: 'resume: 1 role' };
      },
    };
    ctx = setup(documents);
    const { conversation, adapter } = ctx;
    const s = await conversation.start({ scope: 'web:t', key: 'web:c1', userKey: 'web:bo', type: 'customize', seed: 1 });
    if (!s.ok) throw new Error(s.message);
    const session = (await conversation.sessionById(s.reply.sessionId))!;

    const big = await conversation.attachDocument(adapter, session, { ref: 'big', name: 'cv.pdf', size: 5000 });
    expect(big).toMatchObject({ ok: false });
    expect(adapter.fetched).toEqual([]);

    adapter.files.set('scan', new TextEncoder().encode('SCANNED'));
    expect(await conversation.attachDocument(adapter, session, { ref: 'scan', name: 'scan.md' })).toEqual({ ok: false, message: 'That file has no readable text.' });

    adapter.files.set('cv', new TextEncoder().encode('Ana, engineer'));
    const good = await conversation.attachDocument(adapter, session, { ref: 'cv', name: 'cv.txt', kind: 'resume' });
    expect(good).toMatchObject({ ok: true, summary: 'resume: 1 role' });
    expect(received.map((f) => [f.filename, f.kind])).toEqual([['cv.txt', 'resume']]);
  });
});
