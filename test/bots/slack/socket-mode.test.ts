// The same app over Socket Mode: a slash command envelope starts an interview, an events_api
// envelope answers it.
import { afterEach, describe, expect, it } from 'vitest';
import { sessionKey } from '../../../src/bots/slack/keys.ts';
import { STRONG_BEHAVIORAL } from '../../helpers/engine.ts';
import { eventCallback, FAKE_TEAM_ID } from '../../fakes/slack/index.ts';
import { CANDIDATE, CHANNEL, progressOf, startHarness, type Harness } from './harness.ts';

describe('Slack app in Socket Mode', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('starts an interview from a slash_commands envelope and records an answer from events_api', async () => {
    h = await startHarness({ socket: true });
    expect(h.slack.mode).toBe('socket');
    await h.fake.waitForSocket();
    expect(h.fake.calls('apps.connections.open')[0]?.token).toBe(h.fake.identity.appToken);

    const cmd = h.fake.socketSend({
      type: 'slash_commands',
      payload: { command: '/interview', text: 'screening', user_id: CANDIDATE.id, channel_id: CHANNEL, team_id: FAKE_TEAM_ID, response_url: h.fake.responseUrl(), trigger_id: '1.2' },
    });
    await h.fake.waitForAck(cmd);
    const parent = await h.fake.waitFor(() => h.parent("Emma's screening interview"), 5000, 'the parent message');
    const q1 = await h.fake.waitFor(() => h.questionMessage(parent.ts), 5000, 'the first question');
    expect(progressOf(q1)).toBe('Question 1 of 5');

    const m = h.fake.addMessage({ channel: CHANNEL, user: CANDIDATE.id, text: STRONG_BEHAVIORAL, thread_ts: parent.ts });
    const ev = h.fake.socketSend({ type: 'events_api', payload: eventCallback({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: CANDIDATE.id, text: STRONG_BEHAVIORAL, ts: m.ts, thread_ts: parent.ts }) });
    expect(await h.fake.waitForAck(ev)).toEqual({});
    await h.fake.waitFor(() => h.questionMessage(parent.ts)?.ts !== q1.ts, 5000, 'the next bot message');
    await h.slack.idle();
    const session = await h.engine.getByKey(sessionKey(FAKE_TEAM_ID, CHANNEL, parent.ts));
    expect(session!.transcript.filter((t) => t.role === 'candidate').map((t) => t.text)).toEqual([STRONG_BEHAVIORAL]);
  });
});
