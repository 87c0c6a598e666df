import { afterEach, describe, expect, test } from 'vitest';
import type { APIMessage } from 'discord.js';
import { placeKey } from '../../../src/bots/discord/keys.ts';
import { loadConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { buildApp } from '../../../src/app/app.ts';
import type { FakeDiscord } from '../../fakes/discord/index.ts';
import { GEMINI_KEY, startFakes } from '../../engine/llm/setup.ts';
import { startHarness, startOptions, until } from './harness.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const botMessages = (fake: FakeDiscord, channelId: string): APIMessage[] => fake.messagesIn(channelId).filter((m) => m.author.id === fake.botId);

const JAPANESE_ANSWER =
  '前の会社では、セール中に決済サービスが何度も止まり、チームは大きなプレッシャーを受けていました。私はログを調べ、決済クライアントの接続リークを見つけて修正し、負荷試験と監視アラートを追加しました。その結果、エラーは85%減り、三倍のトラフィックでも障害は起きませんでした。繁忙期の前には必ず負荷試験をするようになりました。';

describe('Discord interviews in the candidate\'s language', () => {
  test('a Japanese Discord user gets a Japanese interview without choosing a language', async () => {
    const models = await startFakes();
    cleanup.push(() => models.close());
    const config = loadConfig({ STORE_URL: 'memory://', GEMINI_API_KEY: GEMINI_KEY, GEMINI_BASE_URL: models.gemini.url, GEMINI_MODELS: 'gemini-2.5-flash', LLM_TURN_DEADLINE_MS: '3000' });
    const runtime = await buildApp(config, silentLogger(), { speech: false });
    const h = await startHarness({ runtime });
    cleanup.push(async () => {
      await h.bot.stop();
      await h.fake.close();
      await runtime.close();
    });
    const { fake } = h;
    // No language option: the interaction's locale (the user's Discord language) decides.
    fake.slashCommand({ channelId: 'interviews', user: 'alice', name: 'interview', options: startOptions('behavioral'), locale: 'ja' });
    const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 5000, 'thread');
    const threadId = thread.id as string;
    await until(() => botMessages(fake, threadId).some((m) => /\[Japanese\]/.test(m.content)), 8000, 'first question');
    const text = botMessages(fake, threadId).map((m) => m.content).join('\n');
    expect(text).toMatch(/本日の面接を担当するAlexです/);
    expect(text).toMatch(/では始めましょう。 \[Japanese\] /);
    const session = await runtime.engine.getByKey(placeKey(thread.guild_id as string, threadId));
    expect(session!.language).toBe('ja');

    const before = botMessages(fake, threadId).length;
    fake.userMessage({ channelId: threadId, user: 'alice', content: JAPANESE_ANSWER });
    await until(() => botMessages(fake, threadId).length > before, 8000, 'bot reply');
    await until(() => botMessages(fake, threadId).some((m) => m.content.includes('ありがとうございます。あなたが何をしたのかよくわかりました。')), 5000, 'Japanese acknowledgement');
    const react = models.gemini.requests.filter((r) => r.purpose === 'react');
    expect(react.at(-1)!.promptText).toContain('conducted in Japanese, not English');
  });

  test('the language option wins over the locale; without a model the candidate is asked, in that language, about English', async () => {
    const h = await startHarness();
    cleanup.push(async () => {
      await h.bot.stop();
      await h.fake.close();
      await h.runtime.close();
    });
    const { fake } = h;
    fake.slashCommand({ channelId: 'interviews', user: 'bob', name: 'interview', options: startOptions('screening', [{ name: 'language', type: 3, value: 'es' }]), locale: 'ja' });
    const thread = await until(() => fake.threads(fake.channel('interviews').id).at(-1), 5000, 'thread');
    await until(() => botMessages(fake, thread.id as string).some((m) => /solo puedo hacer esta entrevista en inglés/.test(m.content)), 5000, 'English-only question');
  });
});
