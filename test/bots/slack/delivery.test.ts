// Slack's delivery rules: retries, signatures, bot posts, edits, bystanders, and the thinking state.
import { afterEach, describe, expect, it } from 'vitest';
import { sessionKey } from '../../../src/bots/slack/keys.ts';
import { STRONG_BEHAVIORAL } from '../../helpers/engine.ts';
import { FAKE_TEAM_ID, sendEvent, sendSlashCommand } from '../../fakes/slack/index.ts';
import { CANDIDATE, CHANNEL, OTHER, progressOf, SECRET, startHarness, type Harness } from './harness.ts';

async function startScreening(h: Harness) {
  await h.command('screening');
  const parent = h.parent("Emma's screening interview")!;
  const key = sessionKey(FAKE_TEAM_ID, CHANNEL, parent.ts);
  return { parent, key };
}

const answers = (s: { transcript: { role: string }[] } | undefined) => s?.transcript.filter((t) => t.role === 'candidate').length ?? 0;

describe('Slack delivery rules', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('records a retried event (same event_id, x-slack-retry-num: 1) once, and a mention delivered twice once', async () => {
    h = await startHarness();
    const { parent, key } = await startScreening(h);
    const m = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: STRONG_BEHAVIORAL, thread_ts: parent.ts });
    const event = { type: 'message', channel: CHANNEL, channel_type: 'channel', user: CANDIDATE.id, text: STRONG_BEHAVIORAL, ts: m.ts, thread_ts: parent.ts };
    await h.event(event, { eventId: 'Ev0RETRY001' });
    const after = await h.session(key);
    const repliesAfterFirst = h.botReplies(parent.ts).length;
    const retry = await h.event(event, { eventId: 'Ev0RETRY001', retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    const again = await h.session(key);
    expect(answers(again)).toBe(1);
    expect(again!.version).toBe(after!.version);
    expect(h.botReplies(parent.ts)).toHaveLength(repliesAfterFirst);

    // A reply that mentions the app arrives as app_mention and as message: one answer.
    const text = `<@${h.fake.identity.botUserId}> ${STRONG_BEHAVIORAL}`;
    const m2 = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text, thread_ts: parent.ts });
    await Promise.all([
      sendEvent(h.url, SECRET, { type: 'app_mention', channel: CHANNEL, user: CANDIDATE.id, text, ts: m2.ts, thread_ts: parent.ts }),
      sendEvent(h.url, SECRET, { ...event, text, ts: m2.ts }),
    ]);
    await h.slack.idle();
    const s = await h.session(key);
    expect(answers(s)).toBe(2);
    // The mention of the app is not part of the answer.
    expect(s!.transcript.filter((t) => t.role === 'candidate').at(-1)!.text).toBe(STRONG_BEHAVIORAL);
  });

  it('answers forged, unsigned and stale requests with 401 and changes nothing', async () => {
    h = await startHarness();
    const { parent, key } = await startScreening(h);
    const before = await h.session(key);
    const messagesBefore = h.fake.messages().length;
    for (const forge of ['unsigned', 'bad-signature', 'stale-timestamp'] as const) {
      const m = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: STRONG_BEHAVIORAL, thread_ts: parent.ts });
      const ev = await sendEvent(h.url, SECRET, { type: 'message', channel: CHANNEL, channel_type: 'channel', user: CANDIDATE.id, text: STRONG_BEHAVIORAL, ts: m.ts, thread_ts: parent.ts }, { forge });
      expect(ev.status, forge).toBe(401);
      const cmd = await sendSlashCommand(h.url, SECRET, { text: 'end', response_url: h.fake.responseUrl(`forged-${forge}`) }, { forge });
      expect(cmd.status, forge).toBe(401);
    }
    await h.slack.idle();
    const after = await h.session(key);
    expect(after!.version).toBe(before!.version);
    expect(answers(after)).toBe(0);
    expect(h.fake.messages().length).toBe(messagesBefore + 3); // only the three human messages the test added
    expect(h.fake.responses()).toEqual([]);
  });

  it('ignores bot posts, edits and deletions in the interview thread', async () => {
    h = await startHarness();
    const { parent, key } = await startScreening(h);
    const before = await h.session(key);
    await h.event({ type: 'message', subtype: 'bot_message', channel: CHANNEL, bot_id: 'B0OTHERBOT', text: 'I am another bot', ts: '1700000100.000100', thread_ts: parent.ts });
    await h.event({ type: 'message', channel: CHANNEL, user: 'U0SOMEBOT', bot_id: 'B0OTHERBOT', text: 'bot without subtype', ts: '1700000100.000200', thread_ts: parent.ts });
    await h.event({
      type: 'message', subtype: 'message_changed', channel: CHANNEL, hidden: true, ts: '1700000100.000300',
      message: { type: 'message', user: CANDIDATE.id, text: 'edited answer', ts: '1700000000.000900', thread_ts: parent.ts, edited: { user: CANDIDATE.id, ts: '1700000100.000300' } },
    });
    await h.event({ type: 'message', subtype: 'message_deleted', channel: CHANNEL, hidden: true, ts: '1700000100.000400', deleted_ts: '1700000000.000900', previous_message: { user: CANDIDATE.id, text: 'x' } });
    const after = await h.session(key);
    expect(after!.version).toBe(before!.version);
    expect(h.fake.ephemerals()).toEqual([]);
    expect(progressOf(h.questionMessage(parent.ts))).toBe('Question 1 of 5');
  });

  it("ignores other people's replies, telling each of them once", async () => {
    h = await startHarness();
    const { parent, key } = await startScreening(h);
    const before = await h.session(key);
    await h.reply(parent.ts, 'I would answer it like this', OTHER.id);
    await h.reply(parent.ts, 'and also like this', OTHER.id);
    const after = await h.session(key);
    expect(after!.version).toBe(before!.version);
    const notes = h.fake.ephemerals(CHANNEL).filter((e) => e.user === OTHER.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ thread_ts: parent.ts, text: expect.stringContaining(`<@${CANDIDATE.id}>'s practice interview`) });
    // The candidate's own answer still counts.
    await h.reply(parent.ts, STRONG_BEHAVIORAL);
    expect(answers(await h.session(key))).toBe(1);
  });

  it('shows a thread status while thinking, and a placeholder turned into the reply where status is refused', async () => {
    h = await startHarness({ thinkingDelayMs: 0 });
    const { parent } = await startScreening(h);
    await h.reply(parent.ts, 'skip');
    expect(h.fake.statuses()[0]).toMatchObject({ channel_id: CHANNEL, thread_ts: parent.ts, status: 'is thinking…' });
    await h.close();

    h = await startHarness({ thinkingDelayMs: 0 });
    h.fake.failNext({ method: 'assistant.threads.setStatus', error: 'not_allowed_token_type' });
    const s = await startScreening(h);
    const before = h.botReplies(s.parent.ts).length;
    await h.reply(s.parent.ts, 'skip');
    const replies = h.botReplies(s.parent.ts);
    expect(replies).toHaveLength(before + 1); // the placeholder became the reply; nothing left behind
    expect(h.fake.calls('chat.postMessage').some((c) => String(c.args.text).includes('Alex is thinking…'))).toBe(true);
    expect(progressOf(replies.at(-1))).toBe('Question 2 of 5');
    expect(replies.some((m) => (m.text ?? '').includes('thinking'))).toBe(false);
  });

  it('refuses an over-long answer privately and records nothing', async () => {
    h = await startHarness({ engine: { maxAnswerChars: 100 } });
    const { parent, key } = await startScreening(h);
    const before = await h.session(key);
    await h.reply(parent.ts, 'x'.repeat(150));
    const note = h.fake.ephemerals(CHANNEL).at(-1);
    expect(note).toMatchObject({ user: CANDIDATE.id, thread_ts: parent.ts, text: expect.stringContaining('the limit is 100') });
    expect((await h.session(key))!.version).toBe(before!.version);
    expect(progressOf(h.questionMessage(parent.ts))).toBe('Question 1 of 5');
  });

  it('still posts the report and the channel summary when the chart upload fails', async () => {
    h = await startHarness();
    const { parent } = await startScreening(h);
    await h.reply(parent.ts, STRONG_BEHAVIORAL);
    h.fake.failNext({ method: 'files.getUploadURLExternal', error: 'ratelimited' });
    await h.command('end');
    const replies = h.botReplies(parent.ts);
    expect(replies.some((m) => (m.blocks ?? []).some((b) => (b as { type: string }).type === 'header'))).toBe(true);
    expect(replies.some((m) => m.reply_broadcast)).toBe(true);
    expect(h.fake.uploads().filter((u) => u.completed)).toEqual([]);
  });

  it('keeps the channel summary in the thread when SLACK_BROADCAST_SUMMARY is false', async () => {
    h = await startHarness({ env: { SLACK_BROADCAST_SUMMARY: 'false' } });
    const { parent } = await startScreening(h);
    await h.command('end');
    const replies = h.botReplies(parent.ts);
    expect(replies.some((m) => (m.blocks ?? []).some((b) => (b as { type: string }).type === 'header'))).toBe(true);
    expect(replies.some((m) => m.reply_broadcast)).toBe(false);
  });
});
