/**
 * Comparing clusterings: the adjusted Rand index (Hubert & Arabie), and
 * each cluster's best Jaccard match in another clustering (Hennig's
 * cluster-wise stability).
 *
 * @example
 * ```ts
 * import { adjustedRandIndex } from "./agreement.ts";
 * adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 * ```
 */

const choose2 = (n: number) => (n * (n - 1)) / 2;

/** ARI of two labelings of the same points (any label values; -1 is a label like the others). */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`labelings of ${a.length} and ${b.length} points`);
  const table = new Map<string, number>(), rows = new Map<number, number>(), cols = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    table.set(`${a[i]}|${b[i]}`, (table.get(`${a[i]}|${b[i]}`) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  const index = [...table.values()].reduce((s, n) => s + choose2(n), 0);
  const sa = [...rows.values()].reduce((s, n) => s + choose2(n), 0);
  const sb = [...cols.values()].reduce((s, n) => s + choose2(n), 0);
  const expected = (sa * sb) / choose2(a.length);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** For each cluster of `a` (not -1), the best Jaccard similarity with a cluster of `b`, over the points both cover (b's label -2 = absent). */
export function bestJaccard(a: ArrayLike<number>, b: ArrayLike<number>): Map<number, number> {
  const members = (labels: ArrayLike<number>, keep: (i: number) => boolean) => {
    const m = new Map<number, Set<number>>();
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] >= 0 && keep(i)) {
        (m.get(labels[i]) ?? m.set(labels[i], new Set()).get(labels[i])!).add(i);
      }
    }
    return m;
  };
  const present = (i: number) => b[i] !== -2;
  const A = members(a, present), B = members(b, () => true);
  const out = new Map<number, number>();
  for (const [ca, sa] of A) {
    let best = 0;
    for (const sb of B.values()) {
      let inter = 0;
      for (const i of sa) if (sb.has(i)) inter++;
      best = Math.max(best, inter / (sa.size + sb.size - inter));
    }
    out.set(ca, best);
  }
  return out;
}
