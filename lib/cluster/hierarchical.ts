/**
 * Agglomerative clustering with average linkage (UPGMA) on cosine distance,
 * weighted points (a span seen 40 times counts as 40 points), by the
 * nearest-neighbour chain algorithm (O(n²) time and memory), cut at k
 * clusters: the second partitioning algorithm the registry's k-means is
 * compared with. Deterministic: ties go to the lower index.
 *
 * @example
 * ```ts
 * import { averageLinkage } from "./hierarchical.ts";
 * declare const vectors: any; // your data: L2-normalised sparse vectors
 * declare const weights: any; // your data
 * const labels = averageLinkage(vectors, weights, 12); // cluster 0..11 of each point
 * ```
 */
import { dot, type SparseVector } from "../represent/mod.ts";

/** Cluster (0..k-1, numbered in order of first appearance) of each point, average linkage cut at k clusters. */
export function averageLinkage(X: SparseVector[], weights: number[], k: number): Int32Array {
  const n = X.length;
  if (k < 1 || k > n) throw new Error(`averageLinkage: k must be between 1 and ${n}, got ${k}`);
  const distance = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) distance[i * n + j] = distance[j * n + i] = 1 - dot(X[i], X[j]);
  }
  const size = weights.slice();
  const active = new Uint8Array(n).fill(1);
  const merges: { a: number; b: number; height: number }[] = [];
  const chain: number[] = [];
  let left = n;
  while (left > 1) {
    if (!chain.length) chain.push(active.indexOf(1));
    const a = chain[chain.length - 1];
    const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
    let b = previous, best = previous >= 0 ? distance[a * n + previous] : Infinity;
    for (let m = 0; m < n; m++) {
      if (active[m] && m !== a && distance[a * n + m] < best) {
        best = distance[a * n + m];
        b = m;
      }
    }
    if (b !== previous) {
      chain.push(b);
      continue;
    }
    chain.length -= 2; // a and b are each other's nearest: merge b into a's slot
    merges.push({ a, b, height: best });
    for (let m = 0; m < n; m++) {
      if (!active[m] || m === a || m === b) continue;
      const d = (size[a] * distance[a * n + m] + size[b] * distance[b * n + m]) / (size[a] + size[b]);
      distance[a * n + m] = distance[m * n + a] = d;
    }
    size[a] += size[b];
    active[b] = 0;
    left--;
  }
  // Average linkage is reducible: sorting the chain's merges by height gives the dendrogram; cut at k.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  merges.map((m, order) => ({ ...m, order }))
    .sort((x, y) => x.height - y.height || x.order - y.order)
    .slice(0, n - k)
    .forEach((m) => (parent[find(m.b)] = find(m.a)));
  const ids = new Map<number, number>();
  return Int32Array.from(
    { length: n },
    (_, i) => ids.get(find(i)) ?? ids.set(find(i), ids.size).get(find(i))!,
  );
}
