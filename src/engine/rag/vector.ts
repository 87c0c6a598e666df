/** Scales a vector to unit length (in place-safe: returns a new array); zero vectors stay zero. */
export function l2normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(v.length);
  if (norm === 0) return out;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

/** Row-major matrix of unit vectors, for fast cosine similarity by dot product. */
export class VectorMatrix {
  readonly rows: number;
  readonly dim: number;
  private readonly data: Float32Array;

  constructor(vectors: Float32Array[]) {
    this.rows = vectors.length;
    this.dim = vectors[0]?.length ?? 0;
    this.data = new Float32Array(this.rows * this.dim);
    vectors.forEach((v, i) => this.data.set(l2normalize(v), i * this.dim));
  }

  /** Cosine similarity of `query` with every row. */
  similarities(query: Float32Array): Float32Array {
    const q = l2normalize(query);
    const out = new Float32Array(this.rows);
    const { data, dim } = this;
    for (let r = 0; r < this.rows; r++) {
      let s = 0;
      const base = r * dim;
      for (let k = 0; k < dim; k++) s += data[base + k]! * q[k]!;
      out[r] = s;
    }
    return out;
  }
}

/** Indices of the `k` largest values, best first (ties: lower index first). */
export function topK(scores: Float32Array | number[], k: number, allow?: (i: number) => boolean): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!allow || allow(i)) idx.push(i);
  idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return idx.slice(0, Math.max(0, k));
}
