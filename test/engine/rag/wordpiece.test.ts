import { describe, expect, test } from 'vitest';
import { WordPieceTokenizer } from '../../../src/engine/rag/wordpiece.ts';
import { tinyTokenizerJson } from './tiny-onnx.ts';

const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'kaf', '##ka', 'consumer', '##s', 'node', '.', 'js', '!', 'cafe', 'latency', 'cut', 'by', '40', '%', '中', '文'];
const tok = WordPieceTokenizer.fromTokenizerJson(tinyTokenizerJson(VOCAB));
const id = (t: string) => VOCAB.indexOf(t);

describe('WordPiece tokenizer', () => {
  test('BERT normalisation: lowercase, accents stripped, punctuation split, CJK characters separated', () => {
    expect(tok.words('  Node.js!\tCAFÉ 中文 ')).toEqual(['node', '.', 'js', '!', 'cafe', '中', '文']);
  });

  test('greedy longest-match subwords with ## continuations, wrapped in [CLS] ... [SEP]', () => {
    expect(tok.encode('Kafka consumers').ids).toEqual([id('[CLS]'), id('kaf'), id('##ka'), id('consumer'), id('##s'), id('[SEP]')]);
    expect(tok.encode('Kafka').typeIds).toEqual([0, 0, 0, 0]);
  });

  test('a word with any unknown piece becomes a single [UNK]', () => {
    expect(tok.encode('kafkaesque latency').ids).toEqual([id('[CLS]'), id('[UNK]'), id('latency'), id('[SEP]')]);
  });

  test('long input is truncated but keeps [CLS] and [SEP]', () => {
    const ids = tok.encode('cut latency by 40 % '.repeat(50), 8).ids;
    expect(ids).toHaveLength(8);
    expect(ids[0]).toBe(id('[CLS]'));
    expect(ids[7]).toBe(id('[SEP]'));
  });

  test('a plain vocab.txt works too', () => {
    const fromTxt = WordPieceTokenizer.fromVocabTxt(VOCAB.join('\n'));
    expect(fromTxt.encode('Kafka consumers').ids).toEqual(tok.encode('Kafka consumers').ids);
  });

  test('non-WordPiece tokenizers and vocabularies without special tokens are refused clearly', () => {
    expect(() => WordPieceTokenizer.fromTokenizerJson({ model: { type: 'BPE', vocab: {} } })).toThrow(/Only WordPiece .* BPE/);
    expect(() => WordPieceTokenizer.fromVocabTxt('a\nb\nc')).toThrow(/no \[UNK\] token/);
  });
});
