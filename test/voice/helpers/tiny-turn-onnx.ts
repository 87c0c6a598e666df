/**
 * A tiny end-of-turn ONNX model, hand-encoded as protobuf so the model path can be tested
 * offline: it takes raw audio ([1, samples]) like Smart Turn v2 and answers a constant
 * logit (ReduceMean(x) * 0 + bias), so a test decides what the model "thinks".
 */
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
const key = (field: number, wire: number) => varint((field << 3) | wire);
const lenDelim = (field: number, body: number[] | Uint8Array) => [...key(field, 2), ...varint(body.length), ...Array.from(body)];
const str = (field: number, s: string) => lenDelim(field, new TextEncoder().encode(s));
const int = (field: number, n: number) => [...key(field, 0), ...varint(n)];

const FLOAT = 1;

function valueInfo(name: string, dims: (number | string)[]): number[] {
  const shape = lenDelim(2, dims.flatMap((d) => lenDelim(1, typeof d === 'number' ? int(1, d) : str(2, d))));
  return [...str(1, name), ...lenDelim(2, lenDelim(1, [...int(1, FLOAT), ...shape]))];
}

function scalar(name: string, v: number): number[] {
  const raw = new Uint8Array(new Float32Array([v]).buffer);
  return [...int(1, 1), ...int(2, FLOAT), ...str(8, name), ...lenDelim(9, raw)];
}

function node(op: string, inputs: string[], outputs: string[], name: string): number[] {
  return [...inputs.flatMap((i) => str(1, i)), ...outputs.flatMap((o) => str(2, o)), ...str(3, name), ...str(4, op)];
}

/** A model whose answer is sigmoid(logit) whatever it hears. */
export function constantTurnModel(logit: number): Uint8Array {
  const graph = [
    ...lenDelim(1, node('ReduceMean', ['input_values'], ['m'], 'mean')),
    ...lenDelim(1, node('Mul', ['m', 'zero'], ['z'], 'mul')),
    ...lenDelim(1, node('Add', ['z', 'bias'], ['logits'], 'add')),
    ...str(2, 'tiny-turn'),
    ...lenDelim(5, scalar('zero', 0)),
    ...lenDelim(5, scalar('bias', logit)),
    ...lenDelim(11, valueInfo('input_values', [1, 'samples'])),
    ...lenDelim(12, valueInfo('logits', [1, 1])),
  ];
  return Uint8Array.from([...int(1, 8), ...str(2, 'interview-coach-test'), ...lenDelim(7, graph), ...lenDelim(8, [...str(1, ''), ...int(2, 13)])]);
}
