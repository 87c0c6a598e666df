/**
 * Builds a tiny BERT-shaped ONNX model by hand-encoding the protobuf, so the ONNX embedder can be
 * tested offline without downloading weights or needing the Python `onnx` package.
 *
 * Graph: last_hidden_state = Gather(word_emb, input_ids) + Gather(type_emb, token_type_ids).
 * attention_mask is a declared input the graph does not use, exactly like padding in a real encoder:
 * padded positions still produce vectors, so the embedder's masked mean pooling is what keeps them out.
 */

function varint(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number((v & 0x7fn) | 0x80n));
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function key(field: number, wire: number): number[] {
  return varint((field << 3) | wire);
}

function lenDelim(field: number, body: Uint8Array | number[]): number[] {
  const bytes = Array.from(body);
  return [...key(field, 2), ...varint(bytes.length), ...bytes];
}

function str(field: number, s: string): number[] {
  return lenDelim(field, new TextEncoder().encode(s));
}

function int(field: number, n: number): number[] {
  return [...key(field, 0), ...varint(n)];
}

const FLOAT = 1;
const INT64 = 7;

function valueInfo(name: string, elemType: number, dims: (number | string)[]): number[] {
  const dimMsgs = dims.flatMap((d) => lenDelim(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  const shape = lenDelim(2, dimMsgs);
  const tensorType = lenDelim(1, [...int(1, elemType), ...shape]);
  return [...str(1, name), ...lenDelim(2, tensorType)];
}

function floatTensor(name: string, dims: number[], values: Float32Array): number[] {
  const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return [...dims.flatMap((d) => int(1, d)), ...int(2, FLOAT), ...str(8, name), ...lenDelim(9, raw)];
}

function node(op: string, inputs: string[], outputs: string[], name: string): number[] {
  return [...inputs.flatMap((i) => str(1, i)), ...outputs.flatMap((o) => str(2, o)), ...str(3, name), ...str(4, op)];
}

/** Deterministic pseudo-random embedding table (values in [-1, 1)). */
export function tinyEmbeddingTable(vocabSize: number, dim: number, seed = 7): Float32Array {
  const table = new Float32Array(vocabSize * dim);
  let s = seed >>> 0;
  for (let i = 0; i < table.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    table[i] = s / 2 ** 31 - 1;
  }
  return table;
}

export function buildTinyBertOnnx(wordEmb: Float32Array, vocabSize: number, dim: number): Uint8Array {
  const typeEmb = new Float32Array(2 * dim); // zeros: token type does not change the output
  const graph = [
    ...lenDelim(1, node('Gather', ['word_emb', 'input_ids'], ['we'], 'gather_words')),
    ...lenDelim(1, node('Gather', ['type_emb', 'token_type_ids'], ['te'], 'gather_types')),
    ...lenDelim(1, node('Add', ['we', 'te'], ['last_hidden_state'], 'add')),
    ...str(2, 'tiny-bert'),
    ...lenDelim(5, floatTensor('word_emb', [vocabSize, dim], wordEmb)),
    ...lenDelim(5, floatTensor('type_emb', [2, dim], typeEmb)),
    ...lenDelim(11, valueInfo('input_ids', INT64, ['batch', 'seq'])),
    ...lenDelim(11, valueInfo('attention_mask', INT64, ['batch', 'seq'])),
    ...lenDelim(11, valueInfo('token_type_ids', INT64, ['batch', 'seq'])),
    ...lenDelim(12, valueInfo('last_hidden_state', FLOAT, ['batch', 'seq', dim])),
  ];
  const model = [
    ...int(1, 8), // ir_version
    ...str(2, 'interview-coach-test'),
    ...lenDelim(7, graph),
    ...lenDelim(8, [...str(1, ''), ...int(2, 13)]), // opset 13
  ];
  return Uint8Array.from(model);
}

/** A BERT-style tokenizer.json with a small WordPiece vocabulary. */
export function tinyTokenizerJson(vocab: string[]): string {
  const v: Record<string, number> = {};
  vocab.forEach((t, i) => (v[t] = i));
  return JSON.stringify({
    version: '1.0',
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
      .filter((t) => t in v)
      .map((t) => ({ id: v[t], content: t, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [v['[CLS]']], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [v['[SEP]']], tokens: ['[SEP]'] } },
    },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: v },
  });
}
