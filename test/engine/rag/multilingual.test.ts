import { describe, expect, test } from 'vitest';
import { chunkDocument } from '../../../src/engine/docs/chunk.ts';
import { parsedFromText } from '../../../src/engine/docs/parse.ts';
import { stems } from '../../../src/engine/customize/retrieval.ts';
import { HybridIndex, stem, tokenize } from '../../../src/engine/rag/hybrid-index.ts';

const JA_RESUME = [
  '職務経歴',
  '株式会社サンプル決済 2019年〜現在 バックエンドエンジニア',
  '決済APIをGoで設計し、月間三千万件の取引を処理',
  'Kafkaを使った非同期処理で夜間バッチを置き換え、処理時間を八割短縮',
  '新人エンジニア三名のメンターを担当',
  '株式会社テスト物流 2016年〜2019年',
  '配送ルート最適化のためのデータ分析基盤をPythonで構築',
].join('\n');

const ZH_JD = ['岗位职责', '负责支付系统的架构设计与性能优化', '带领团队完成数据库迁移', '任职要求', '熟悉分布式系统和消息队列', '有大规模高并发经验者优先'].join('\n');

const HI_RESUME = ['अनुभव', 'मैंने भुगतान सेवा के लिए डेटाबेस माइग्रेशन का नेतृत्व किया', 'टीम के साथ मिलकर ग्राहक सहायता प्रणाली बनाई', 'कौशल: पायथन, गो, क्लाउड'].join('\n');

async function indexOf(text: string, filename: string, kind: 'resume' | 'job-description') {
  const doc = parsedFromText(text, { filename, kind });
  return HybridIndex.build(chunkDocument(doc, { maxChars: 60, overlap: 0 }));
}

describe('retrieval in languages without spaces or with other scripts', () => {
  test('Japanese and Chinese runs are cut into words, not kept as one token per line', () => {
    const ja = tokenize('決済APIをGoで設計し、月間三千万件の取引を処理');
    expect(ja).toEqual(expect.arrayContaining(['決済', '設計', '取引', '処理']));
    // Particles are not keywords.
    expect(ja).not.toContain('を');
    expect(tokenize('负责支付系统的架构设计')).toEqual(expect.arrayContaining(['支付', '系统', '架构', '设计']));
  });

  test('Devanagari words stay whole (vowel signs are part of the word) and nothing non-English is stemmed', () => {
    expect(tokenize('डेटाबेस माइग्रेशन का नेतृत्व किया')).toEqual(['डेटाबेस', 'माइग्रेशन', 'का', 'नेतृत्व', 'किया']);
    expect(stem('migraciones')).toBe('migracion');
    expect(stem('migración')).toBe('migración');
    expect(stem('プロジェクト')).toBe('プロジェクト');
    expect(stem('माइग्रेशन')).toBe('माइग्रेशन');
  });

  test('a Japanese query finds the Japanese resume line it is about', async () => {
    const index = await indexOf(JA_RESUME, 'rirekisho.pdf', 'resume');
    const [top] = await index.search('非同期処理とバッチの置き換え', 3);
    expect(top!.chunk.text).toContain('夜間バッチを置き換え');
    const [mentor] = await index.search('メンター経験', 3);
    expect(mentor!.chunk.text).toContain('メンター');
  });

  test('a Chinese query finds the Chinese job-description line, and a Hindi one the Hindi line', async () => {
    const zh = await indexOf(ZH_JD, 'jd.txt', 'job-description');
    const [z] = await zh.search('数据库迁移', 3);
    expect(z!.chunk.text).toContain('数据库迁移');
    const hi = await indexOf(HI_RESUME, 'resume.txt', 'resume');
    const [h] = await hi.search('डेटाबेस माइग्रेशन', 3);
    expect(h!.chunk.text).toContain('माइग्रेशन');
  });

  test('lines about the same thing share stems in Japanese too', () => {
    const a = stems('決済APIの設計と取引処理');
    const b = stems('決済システムの取引処理を改善');
    expect([...a].filter((x) => b.has(x)).length).toBeGreaterThanOrEqual(2);
  });
});
