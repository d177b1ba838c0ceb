/**
 * Spherical k-means (cosine) on L2-normalised sparse vectors with weights
 * (a span seen 40 times weighs 40), k-means++ seeding, deterministic for a
 * seed; the silhouette (cosine distance) that chooses k.
 *
 * @example
 * ```ts
 * import { chooseK, kmeans } from "./kmeans.ts";
 * declare const vectors: any; // your data
 * declare const weights: any; // your data
 * declare const dimension: any; // your data
 * const { k, scores } = chooseK(vectors, weights, dimension, [4, 6, 8, 10], 42);
 * const { labels, centroids } = kmeans(vectors, weights, dimension, k, 42);
 * ```
 */
import { searchGrid } from "../stats/mod.ts";
import { dot, type SparseVector } from "../represent/mod.ts";
import { mulberry32 } from "../base/mod.ts";

function dotDense(v: SparseVector, centroid: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.indices.length; k++) s += v.values[k] * centroid[v.indices[k]];
  return s;
}

/** A clustering: label of each point and unit-norm centroids. */
export interface KMeansResult {
  labels: Int32Array;
  centroids: Float64Array[];
  /** Weighted mean cosine similarity of points to their centroid. */
  cohesion: number;
  iterations: number;
}

/**
 * Spherical k-means, best of `restarts` k-means++ seedings (highest
 * cohesion), as scikit-learn's n_init; see the module doc.
 */
export function kmeans(
  X: SparseVector[],
  weights: number[],
  dimension: number,
  k: number,
  seed = 42,
  restarts = 5,
): KMeansResult {
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const run = kmeansOnce(X, weights, dimension, k, seed + 7919 * r);
    if (!best || run.cohesion > best.cohesion + 1e-12) best = run;
  }
  return best!;
}

function kmeansOnce(
  X: SparseVector[],
  weights: number[],
  dimension: number,
  k: number,
  seed: number,
  maxIter = 60,
): KMeansResult {
  if (k < 1 || k > X.length) {
    throw new Error(`k must be between 1 and the number of points (${X.length}), got ${k}`);
  }
  const random = mulberry32(seed);
  // k-means++: next centre drawn with probability ∝ weight × (1 - best cosine).
  const centres: number[] = [];
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  let first = 0;
  while (r > weights[first] && first < X.length - 1) r -= weights[first++];
  centres.push(first);
  const best = X.map((x) => 1 - dot(x, X[first]));
  while (centres.length < k) {
    const mass = best.reduce((a, d, i) => a + Math.max(d, 0) * weights[i], 0);
    let pick = 0;
    if (mass <= 0) pick = X.findIndex((_, i) => !centres.includes(i));
    else {
      let t = random() * mass;
      while (pick < X.length - 1) {
        const share = Math.max(best[pick], 0) * weights[pick];
        if (t <= share) break;
        t -= share;
        pick++;
      }
    }
    centres.push(pick);
    X.forEach((x, i) => (best[i] = Math.min(best[i], 1 - dot(x, X[pick]))));
  }
  let centroids = centres.map((c) => {
    const d = new Float64Array(dimension);
    X[c].indices.forEach((j, m) => (d[j] = X[c].values[m]));
    return d;
  });
  const labels = new Int32Array(X.length).fill(-1);
  let iterations = 0, cohesion = 0;
  for (; iterations < maxIter; iterations++) {
    let changed = 0;
    cohesion = 0;
    X.forEach((x, i) => {
      let bestC = 0, bestS = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dotDense(x, centroids[c]);
        if (s > bestS + 1e-12) {
          bestS = s;
          bestC = c;
        }
      }
      if (labels[i] !== bestC) changed++;
      labels[i] = bestC;
      cohesion += weights[i] * bestS;
    });
    cohesion /= total;
    const next = Array.from({ length: k }, () => new Float64Array(dimension));
    X.forEach((x, i) => x.indices.forEach((j, m) => (next[labels[i]][j] += weights[i] * x.values[m])));
    next.forEach((c, ci) => {
      let norm = 0;
      for (const v of c) norm += v * v;
      norm = Math.sqrt(norm);
      if (norm === 0) c.set(centroids[ci]); // an emptied cluster keeps its centre
      else for (let j = 0; j < c.length; j++) c[j] /= norm;
    });
    centroids = next;
    if (changed === 0) break;
  }
  return { labels, centroids, cohesion, iterations };
}

/**
 * Mean silhouette (cosine distance), weighted by the points' weights; points
 * alone in their cluster count 0, as in scikit-learn.
 */
export function silhouette(X: SparseVector[], weights: number[], labels: Int32Array): number {
  const k = Math.max(...labels) + 1;
  let sum = 0, total = 0;
  for (let i = 0; i < X.length; i++) {
    const dist = new Float64Array(k), mass = new Float64Array(k);
    for (let j = 0; j < X.length; j++) {
      if (j === i) continue;
      dist[labels[j]] += weights[j] * (1 - dot(X[i], X[j]));
      mass[labels[j]] += weights[j];
    }
    const own = labels[i];
    let s = 0;
    if (mass[own] > 0) {
      const a = dist[own] / mass[own];
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own && mass[c] > 0) b = Math.min(b, dist[c] / mass[c]);
      s = Number.isFinite(b) && Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
    }
    sum += weights[i] * s;
    total += weights[i];
  }
  return sum / total;
}

/**
 * Runs k-means for each candidate k and keeps the one with the best
 * silhouette; when the best is the largest (or smallest) k tried, the grid
 * grows past it by its own step, at most `widen` times and never to the
 * number of points. `edge` says where the best k still lies on the grid's edge.
 */
export function chooseK(
  X: SparseVector[],
  weights: number[],
  dimension: number,
  candidates: number[],
  seed = 42,
  widen = 2,
) {
  const grid = [...new Set(candidates)].filter((k) => k >= 2 && k < X.length).sort((a, b) => a - b);
  if (!grid.length) throw new Error(`no candidate k fits ${X.length} points`);
  const step = grid.length > 1 ? grid[1] - grid[0] : 2;
  const search = searchGrid(
    grid,
    (k) => ({ k, silhouette: silhouette(X, weights, kmeans(X, weights, dimension, k, seed).labels) }),
    (r) => r.silhouette,
    (
      side,
      lowest,
      highest,
    ) => (side === "largest"
      ? (highest + step < X.length ? highest + step : null)
      : lowest - step >= 2
      ? lowest - step
      : null),
    widen,
  );
  return { k: search.best.k, scores: search.results, widened: search.widened, edge: search.edge };
}
