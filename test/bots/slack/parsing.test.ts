// The small pure pieces: request words, Slack markup, message filtering, token hosts, trends.
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../src/bots/slack/command-text.ts';
import { tokenHostAllowed } from '../../../src/bots/slack/interview/download.ts';
import { parseSessionKey, sessionKey } from '../../../src/bots/slack/keys.ts';
import { toIncoming } from '../../../src/bots/slack/listeners/messages/normalize.ts';
import { plainFromSlack } from '../../../src/bots/slack/slack-text.ts';
import { sparkline, summarizeTrend } from '../../../src/bots/slack/views/trend.ts';

describe('/interview words', () => {
  it('reads types, levels and roles, and the fixed words', () => {
    expect(parseRequest('')).toEqual({ kind: 'help' });
    expect(parseRequest('history')).toEqual({ kind: 'history' });
    expect(parseRequest('forget')).toEqual({ kind: 'forget' });
    expect(parseRequest('behavioral')).toEqual({ kind: 'start', type: 'behavioral' });
    expect(parseRequest('tech senior backend engineer')).toEqual({ kind: 'start', type: 'technical', role: 'backend engineer', level: 'senior' });
    expect(parseRequest('custom ML engineer')).toEqual({ kind: 'start', type: 'customize', role: 'machine learning engineer' });
    expect(() => parseRequest('astrology')).toThrow(/There is no "astrology" interview/);
    expect(() => parseRequest('behavioral astronaut')).toThrow(/I don't know the role "astronaut"/);
  });
});

describe('Slack markup', () => {
  it('turns a message into the words the candidate wrote', () => {
    expect(plainFromSlack('<@U0BOT> I led it &amp; shipped <https://x.io|the fix> with <@U0BOB|bob> in <#C0DEV|dev> &lt;3', 'U0BOT')).toBe('I led it & shipped the fix with @bob in #dev <3');
  });
});

describe('message filtering', () => {
  const ctx = { teamId: 'T1', botUserId: 'U0BOT', retryNum: undefined };
  const base = { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '1.1' };
  it('keeps people (new messages, file shares, broadcasts) and drops bots, edits and deletions', () => {
    expect(toIncoming(base, ctx)?.userId).toBe('U1');
    expect(toIncoming({ ...base, subtype: 'file_share', files: [{ id: 'F1', name: 'cv.pdf' }] }, ctx)?.files).toEqual([{ id: 'F1', name: 'cv.pdf' }]);
    expect(toIncoming({ ...base, subtype: 'thread_broadcast', thread_ts: '1.0' }, ctx)?.threadTs).toBe('1.0');
    expect(toIncoming({ ...base, bot_id: 'B1' }, ctx)).toBeUndefined();
    expect(toIncoming({ ...base, subtype: 'bot_message' }, ctx)).toBeUndefined();
    expect(toIncoming({ ...base, subtype: 'message_changed' }, ctx)).toBeUndefined();
    expect(toIncoming({ ...base, subtype: 'message_deleted' }, ctx)).toBeUndefined();
    expect(toIncoming({ ...base, subtype: 'channel_join' }, ctx)).toBeUndefined();
    expect(toIncoming({ ...base, user: 'U0BOT' }, ctx)).toBeUndefined();
    expect(toIncoming({ ...base, channel: 'D1' }, ctx)?.isDirect).toBe(true);
    expect(toIncoming({ ...base, text: 'hey <@U0BOT>' }, ctx)?.mentionsBot).toBe(true);
  });
});

describe('where the bot token may go', () => {
  it('only to Slack file hosts over https, or the configured API host', () => {
    expect(tokenHostAllowed('https://files.slack.com/files-pri/T1-F1/cv.pdf', undefined)).toBe(true);
    expect(tokenHostAllowed('http://files.slack.com/x', undefined)).toBe(false);
    expect(tokenHostAllowed('https://evil.example/slack.com', undefined)).toBe(false);
    expect(tokenHostAllowed('https://slack.com.evil.example/x', undefined)).toBe(false);
    expect(tokenHostAllowed('http://127.0.0.1:4000/files/F1', 'http://127.0.0.1:4000/api')).toBe(true);
    expect(tokenHostAllowed('http://127.0.0.1:4001/files/F1', 'http://127.0.0.1:4000/api')).toBe(false);
  });
});

describe('keys and trends', () => {
  it('round-trips session keys', () => {
    expect(parseSessionKey(sessionKey('T1', 'C1', '1700000000.000100'))).toEqual({ team: 'T1', channel: 'C1', threadTs: '1700000000.000100' });
    expect(parseSessionKey('discord:1:2')).toBeUndefined();
  });
  it('draws scores 0-5 as bars and compares first and last three', () => {
    expect(sparkline([0, 2.5, 5])).toBe('▁▅█');
    const e = (score: number, at: number) => ({ sessionId: String(at), key: 'k', type: 'behavioral' as const, role: 'r', level: 'mid' as const, startedAt: at, finishedAt: at, status: 'completed' as const, score });
    const t = summarizeTrend([e(4, 4), e(1, 1), e(2, 2), e(3, 3)]);
    expect(t.scored.map((x) => x.score)).toEqual([1, 2, 3, 4]);
    expect(t.change).toBeCloseTo(1);
    expect(t.average).toBeCloseTo(2.5);
  });
});
