/**
 * DBSCAN with cosine distance on weighted points: a point is a core point
 * when the weights within `eps` reach `minWeight`; clusters grow from core
 * points; the rest is noise (label -1) and stays out of the registry.
 *
 * @example
 * ```ts
 * import { dbscan } from "./density.ts";
 * declare const vectors: any; // your data
 * declare const weights: any; // your data
 * const labels = dbscan(vectors, weights, { eps: 0.35, minWeight: 5 });
 * ```
 */
import { dot, type SparseVector } from "../represent/mod.ts";

/** Cluster labels (0..), -1 for noise. Points are visited in order: deterministic. */
export function dbscan(
  X: SparseVector[],
  weights: number[],
  o: { eps: number; minWeight: number },
): Int32Array {
  const n = X.length;
  const neighbours = X.map((x, i) => {
    const near: number[] = [];
    for (let j = 0; j < n; j++) if (1 - dot(x, X[j]) <= o.eps) near.push(j);
    return near.includes(i) ? near : [i, ...near];
  });
  const core = neighbours.map((near) => near.reduce((a, j) => a + weights[j], 0) >= o.minWeight);
  const labels = new Int32Array(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    const id = next++;
    const queue = [i];
    labels[i] = id;
    while (queue.length) {
      const p = queue.shift()!;
      if (!core[p]) continue;
      for (const q of neighbours[p]) {
        if (labels[q] === -1) {
          labels[q] = id;
          queue.push(q);
        }
      }
    }
  }
  return labels;
}
