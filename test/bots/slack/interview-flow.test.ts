// End to end over signed HTTP: /interview in a channel, answers in the thread, buttons, report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionKey } from '../../../src/bots/slack/keys.ts';
import { STRONG_BEHAVIORAL } from '../../helpers/engine.ts';
import { FAKE_TEAM_ID } from '../../fakes/slack/index.ts';
import { actionValue, CANDIDATE, CHANNEL, hasButtons, OTHER, progressOf, startHarness, textOf, type Harness } from './harness.ts';

describe('Slack interview in a thread', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('runs /interview behavioral from the slash command to a report with chart and channel summary', async () => {
    const { http } = await h.command('behavioral backend');
    expect(http.status).toBe(200);
    expect(http.text).toBe(''); // acknowledged empty; everything else is posted

    const parent = h.parent("Emma's behavioral interview");
    expect(parent?.text).toBe("Emma's behavioral interview for backend engineer, 6 questions");
    const first = h.questionMessage(parent!.ts)!;
    expect(progressOf(first)).toBe('Question 1 of 6');
    expect(textOf(first)).toContain('Emma');
    const buttons = (first.blocks!.find((b) => (b as { type: string }).type === 'actions') as { elements: { action_id: string; value: string }[] }).elements;
    expect(buttons.map((b) => b.action_id)).toEqual(['interview_skip', 'interview_repeat', 'interview_end']);
    const key = sessionKey(FAKE_TEAM_ID, CHANNEL, parent!.ts);
    const session = await h.session(key);
    expect(buttons[0]!.value).toBe(session!.id);
    expect(session!.userKey).toBe(`slack:${FAKE_TEAM_ID}:${CANDIDATE.id}`);

    let seen = 0;
    for (let i = 0; i < 30 && (await h.session(key)); i++) {
      await h.reply(parent!.ts, STRONG_BEHAVIORAL);
      seen = i + 1;
    }
    expect(await h.session(key)).toBeUndefined(); // finished: the thread no longer has a running interview
    expect(seen).toBeGreaterThanOrEqual(6);

    const replies = h.botReplies(parent!.ts);
    const report = replies.find((m) => (m.blocks ?? []).some((b) => (b as { type: string }).type === 'header'));
    expect(report).toBeDefined();
    expect(textOf(report)).toMatch(/\d\.\d\/5/);
    expect(textOf(report)).toContain('Strengths');
    // Only the live question ever has buttons; at the end none are left.
    expect(replies.filter(hasButtons)).toEqual([]);

    const upload = h.fake.uploads().find((u) => u.completed);
    expect(upload).toMatchObject({ filename: 'scores.png', channel_id: CHANNEL, thread_ts: parent!.ts });
    expect(upload!.bytes!.subarray(1, 4).toString()).toBe('PNG');

    const broadcast = replies.find((m) => m.reply_broadcast);
    expect(broadcast?.text).toMatch(/^\*Emma\* finished a behavioral interview: \*\d\.\d\/5 · /);

    const updatedParent = h.fake.messages(CHANNEL).find((m) => m.ts === parent!.ts);
    expect(textOf(updatedParent)).toContain('Finished:');
    const history = await h.engine.history(session!.userKey);
    expect(history).toHaveLength(1);
    expect(history[0]!.finishedAt).toBeDefined();
    // App Home is refreshed with the new result.
    expect(textOf(h.fake.views(CANDIDATE.id).at(-1)?.view as never)).toContain('behavioral');
  });

  it('moves to the next question on Skip, only for the candidate and only once per question', async () => {
    await h.command('screening');
    const parent = h.parent("Emma's screening interview")!;
    const q1 = h.questionMessage(parent.ts)!;
    const sessionId = actionValue(q1);
    expect(progressOf(q1)).toBe('Question 1 of 5');

    await h.press('skip', q1, OTHER.id);
    expect(progressOf(h.questionMessage(parent.ts))).toBe('Question 1 of 5');
    expect(h.fake.ephemerals(CHANNEL).at(-1)).toMatchObject({ user: OTHER.id, text: expect.stringContaining('Only <@') });

    const http = await h.press('skip', q1);
    expect(http.status).toBe(200);
    const q2 = h.questionMessage(parent.ts)!;
    expect(q2.ts).not.toBe(q1.ts);
    expect(progressOf(q2)).toBe('Question 2 of 5');
    // The old question keeps its words but loses its buttons.
    const old = h.fake.messages(CHANNEL, parent.ts).find((m) => m.ts === q1.ts)!;
    expect(hasButtons(old)).toBe(false);
    expect(textOf(old)).toContain('Question 1 of 5');

    // A second click on the old message does not skip question 2.
    await h.press('skip', q1, CANDIDATE.id, sessionId);
    expect(progressOf(h.questionMessage(parent.ts))).toBe('Question 2 of 5');
    expect(h.fake.ephemerals(CHANNEL).at(-1)?.text).toContain('That question has passed');
  });

  it('repeats the question and ends early with a partial report on End', async () => {
    await h.command('technical');
    const parent = h.parent("Emma's technical interview")!;
    const q1 = h.questionMessage(parent.ts)!;
    await h.press('repeat', q1);
    const again = h.questionMessage(parent.ts)!;
    expect(again.ts).not.toBe(q1.ts);
    expect(progressOf(again)).toBe('Question 1 of 8');

    await h.reply(parent.ts, STRONG_BEHAVIORAL);
    await h.press('end', h.questionMessage(parent.ts)!);
    const replies = h.botReplies(parent.ts);
    expect(replies.some((m) => textOf(m).includes('partial'))).toBe(true);
    expect(h.fake.uploads().filter((u) => u.completed)).toHaveLength(1);
  });

  it('answers help, refuses a second interview, ends by command, and shows history and the last report', async () => {
    const help = await h.command('help');
    expect(help.responses()[0]).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/interview behavioral') });

    const bad = await h.command('astrology');
    expect(bad.responses()[0]?.text).toContain('There is no "astrology" interview');
    expect(h.fake.messages(CHANNEL)).toEqual([]);

    await h.command('screening data scientist');
    const second = await h.command('behavioral');
    expect(second.responses()[0]?.text).toContain('already have an interview running');
    expect(h.parent("Emma's behavioral interview")).toBeUndefined();

    const end = await h.command('end');
    expect(end.responses()[0]?.text).toContain('Ended your interview');
    const parent = h.parent("Emma's screening interview")!;
    expect(h.botReplies(parent.ts).some((m) => (m.blocks ?? []).some((b) => (b as { type: string }).type === 'header'))).toBe(true);

    const history = await h.command('history');
    expect(textOf(history.responses()[0])).toContain('screening · data scientist');
    const report = await h.command('report');
    expect(textOf(report.responses()[0])).toContain('Screening');
  });

  it('starts from a mention in the mention’s own thread, and from a direct message', async () => {
    const mention = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: `<@${h.fake.identity.botUserId}> behavioral frontend` });
    await h.event({ type: 'app_mention', channel: CHANNEL, user: CANDIDATE.id, text: mention.text, ts: mention.ts });
    // Slack also delivers the same message as a channel message event: still one interview.
    await h.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: CANDIDATE.id, text: mention.text, ts: mention.ts });
    const thread = h.botReplies(mention.ts);
    expect(thread).toHaveLength(1);
    expect(textOf(thread[0])).toContain("Emma's behavioral interview for frontend engineer, 6 questions");
    expect(progressOf(thread[0])).toBe('Question 1 of 6');
    await h.command('end');

    const dm = 'D0EMMA001';
    const ask = h.fake.addMessage({ channel: dm, user: CANDIDATE.id, text: 'screening' });
    await h.event({ type: 'message', channel: dm, channel_type: 'im', user: CANDIDATE.id, text: 'screening', ts: ask.ts });
    const q = h.questionMessage(ask.ts, dm);
    expect(progressOf(q)).toBe('Question 1 of 5');
    await h.reply(ask.ts, 'skip', CANDIDATE.id, { channel: dm });
    expect(progressOf(h.questionMessage(ask.ts, dm))).toBe('Question 2 of 5');
    // An answer typed at the top of the DM is pointed at the thread, not taken as a command.
    const stray = h.fake.addMessage({ channel: dm, user: CANDIDATE.id, text: 'I think I would start by asking questions' });
    await h.event({ type: 'message', channel: dm, channel_type: 'im', user: CANDIDATE.id, text: stray.text, ts: stray.ts });
    expect(h.fake.messages(dm).at(-1)?.text).toBe('Your interview runs in its thread: reply there to answer, or type `end` to stop it.');
    expect(progressOf(h.questionMessage(ask.ts, dm))).toBe('Question 2 of 5');
  });
});
