// The interview language in Slack comes from the user's Slack locale (users.info with include_locale).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionKey } from '../../../src/bots/slack/keys.ts';
import { FAKE_TEAM_ID } from '../../fakes/slack/index.ts';
import { CANDIDATE, CHANNEL, startHarness, textOf, type Harness } from './harness.ts';

describe('Slack interviews in the user\'s language', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('a user whose Slack is in Spanish is asked in Spanish (no model here: English only, with their yes)', async () => {
    h.fake.addUser({ ...CANDIDATE, locale: 'es-ES' });
    await h.command('screening');
    const parent = h.parent("Emma's screening interview");
    expect(parent).toBeDefined();
    const session = await h.session(sessionKey(FAKE_TEAM_ID, CHANNEL, parent!.ts));
    expect(session!.language).toBe('es');
    const said = h.botReplies(parent!.ts).map((m) => textOf(m)).join('\n');
    expect(said).toMatch(/solo puedo hacer esta entrevista en inglés/);
    expect(h.fake.calls('users.info').some((c) => String(c.args.include_locale) === 'true')).toBe(true);

    await h.reply(parent!.ts, 'sí');
    const after = h.botReplies(parent!.ts).map((m) => textOf(m)).join('\n');
    expect(after).toMatch(/I'm Alex/);
  });

  it('an English locale changes nothing', async () => {
    await h.command('screening');
    const parent = h.parent("Emma's screening interview");
    const session = await h.session(sessionKey(FAKE_TEAM_ID, CHANNEL, parent!.ts));
    expect(session!.language).toBe('en');
    expect(h.botReplies(parent!.ts).map((m) => textOf(m)).join('\n')).toMatch(/I'm Alex/);
  });
});
