export interface Fused {
  id: number;
  score: number;
  /** 1-based rank of `id` in each input list (undefined where absent), in input order. */
  ranks: (number | undefined)[];
}

/**
 * Reciprocal-rank fusion (Cormack et al., 2009): score = sum over lists of 1 / (k + rank).
 * Uses ranks only, so BM25 scores and cosine similarities never need to be put on one scale.
 * Ties are broken by the best single rank, then by id, so results are deterministic.
 */
export function reciprocalRankFusion(lists: number[][], k = 60): Fused[] {
  const byId = new Map<number, Fused>();
  lists.forEach((list, li) => {
    list.forEach((id, pos) => {
      let f = byId.get(id);
      if (!f) {
        f = { id, score: 0, ranks: lists.map(() => undefined) };
        byId.set(id, f);
      }
      if (f.ranks[li] !== undefined) return; // a list naming an id twice counts once
      f.ranks[li] = pos + 1;
      f.score += 1 / (k + pos + 1);
    });
  });
  const best = (f: Fused): number => Math.min(...f.ranks.map((r) => r ?? Infinity));
  return [...byId.values()].sort((a, b) => b.score - a.score || best(a) - best(b) || a.id - b.id);
}
