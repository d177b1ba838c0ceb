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
 * const eps = densityRadius(vectors, weights, 5); // the median point's radius to reach weight 5
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

/**
 * A radius for {@link dbscan} read off the data (the k-distance rule): for
 * each point, the cosine distance within which the weights reach
 * `minWeight` (the point's own included); the `quantile` of those
 * distances. At the median, about half the points are core points: a radius
 * fixed in advance either leaves everything noise or chains everything into
 * one cluster, depending on the space.
 *
 * @example
 * ```ts
 * import { densityRadius } from "./density.ts";
 * declare const vectors: any; // unit vectors
 * declare const weights: number[];
 * densityRadius(vectors, weights, 5); // e.g. 0.045
 * ```
 */
export function densityRadius(
  X: SparseVector[],
  weights: number[],
  minWeight: number,
  quantile = 0.5,
): number {
  if (!X.length) throw new Error("densityRadius: no points");
  const radii = X.map((x) => {
    // the nearest points only, by distance, cut as soon as the others reach minWeight without the farthest
    const near: { distance: number; weight: number }[] = [];
    let total = 0;
    X.forEach((y, j) => {
      const distance = Math.max(0, 1 - dot(x, y));
      if (near.length && total >= minWeight && distance >= near[near.length - 1].distance) return;
      let at = near.length;
      while (at > 0 && near[at - 1].distance > distance) at--;
      near.splice(at, 0, { distance, weight: weights[j] });
      total += weights[j];
      while (near.length > 1 && total - near[near.length - 1].weight >= minWeight) {
        total -= near.pop()!.weight;
      }
    });
    return total >= minWeight ? near[near.length - 1].distance : 2; // 2: the whole set weighs less than minWeight
  }).sort((a, b) => a - b);
  return radii[Math.min(radii.length - 1, Math.floor(quantile * (radii.length - 1)))];
}
