// App Home (history and trend) and deleting a user's data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STRONG_BEHAVIORAL, WEAK } from '../../helpers/engine.ts';
import { FAKE_TEAM_ID, sendBlockAction } from '../../fakes/slack/index.ts';
import { CANDIDATE, CHANNEL, OTHER, SECRET, startHarness, textOf, type Harness } from './harness.ts';

const USER_KEY = `slack:${FAKE_TEAM_ID}:${CANDIDATE.id}`;

/** Finishes one interview per answer text straight through the engine, as if run in earlier threads. */
async function seedHistory(h: Harness, answers: string[]) {
  for (const [i, answer] of answers.entries()) {
    const key = `slack:${FAKE_TEAM_ID}:${CHANNEL}:1690000000.00${i}100`;
    await h.engine.start({ key, userKey: USER_KEY, userName: 'Emma', type: i % 2 ? 'screening' : 'behavioral' });
    for (let turn = 0; turn < 40; turn++) {
      if ((await h.engine.handle(key, { kind: 'answer', text: answer })).done) break;
    }
  }
}

describe('Slack App Home and forget', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('publishes the history, latest first, with a text trend and averages', async () => {
    await seedHistory(h, [WEAK, STRONG_BEHAVIORAL, STRONG_BEHAVIORAL, STRONG_BEHAVIORAL]);
    const http = await h.event({ type: 'app_home_opened', user: CANDIDATE.id, channel: 'D0EMMA001', tab: 'home' });
    expect(http.status).toBe(200);
    const view = h.fake.views(CANDIDATE.id).at(-1)!.view;
    expect(view.type).toBe('home');
    const text = textOf(view as never);
    expect(text).toContain('Latest 4 interviews');
    expect(text).toMatch(/Trend\* `[▁▂▃▄▅▆▇█]{4}`/);
    expect(text).toMatch(/average \*\d\.\d\/5\* over 4 interviews/);
    expect(text).toContain('behavioral · software engineer (mid)');
    expect(text).toContain('screening');
    expect(text).toContain('<!date^');

    // Someone with no interviews gets the getting-started view, not Emma's history.
    await h.event({ type: 'app_home_opened', user: OTHER.id, channel: 'D0BOB0001', tab: 'home' });
    expect(textOf(h.fake.views(OTHER.id).at(-1)!.view as never)).toContain('No interviews yet');
    // The Messages tab is not ours to draw.
    await h.event({ type: 'app_home_opened', user: OTHER.id, channel: 'D0BOB0001', tab: 'messages' });
    expect(h.fake.views(OTHER.id)).toHaveLength(1);
  });

  it('deletes everything after the confirmation button, and nothing on Cancel', async () => {
    await seedHistory(h, [STRONG_BEHAVIORAL, WEAK]);
    const ask = await h.command('forget');
    const confirm = ask.responses()[0]!;
    expect(confirm.text).toContain('your 2 interviews');
    const buttons = JSON.stringify(confirm.blocks);
    expect(buttons).toContain('forget_confirm');

    const cancelUrl = h.fake.responseUrl('cancel');
    await sendBlockAction(h.url, SECRET, { action_id: 'forget_cancel', value: 'cancel', response_url: cancelUrl });
    await h.slack.idle();
    expect((h.fake.responses('cancel')[0]!.body as { text: string }).text).toBe('Nothing was deleted.');
    expect(await h.engine.history(USER_KEY)).toHaveLength(2);

    const confirmUrl = h.fake.responseUrl('confirm');
    await sendBlockAction(h.url, SECRET, { action_id: 'forget_confirm', value: 'confirm', response_url: confirmUrl });
    await h.slack.idle();
    expect(h.fake.responses('confirm')[0]!.body).toMatchObject({ replace_original: true, text: expect.stringContaining('deleted 2 interviews') });
    expect(await h.engine.history(USER_KEY)).toEqual([]);
    expect(await h.engine.lastReport(USER_KEY)).toBeUndefined();
    expect(textOf(h.fake.views(CANDIDATE.id).at(-1)!.view as never)).toContain('No interviews yet');
  });
});
