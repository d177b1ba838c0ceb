/**
 * A 2-D map of sparse vectors by principal components (power iteration on
 * the centred data, never densified), deterministic for a seed.
 *
 * @example
 * ```ts
 * import { pca2 } from "./project.ts";
 * declare const vectors: any; // your data
 * declare const dimension: any; // your data
 * const { x, y, explained } = pca2(vectors, dimension);
 * ```
 */
import type { SparseVector } from "../represent/mod.ts";
import { mulberry32 } from "../base/mod.ts";

/** Coordinates on the first two principal components and the share of variance each explains. */
export function pca2(X: SparseVector[], dimension: number, seed = 42, iterations = 80) {
  const n = X.length;
  const mean = new Float64Array(dimension);
  for (const x of X) x.indices.forEach((j, k) => (mean[j] += x.values[k] / n));
  const times = (v: Float64Array) => { // (X - mean) v, one value per point
    let mv = 0;
    for (let j = 0; j < dimension; j++) mv += mean[j] * v[j];
    return X.map((x) => {
      let s = -mv;
      x.indices.forEach((j, k) => (s += x.values[k] * v[j]));
      return s;
    });
  };
  const timesT = (u: number[]) => { // (X - mean)^T u
    const out = new Float64Array(dimension);
    const su = u.reduce((a, b) => a + b, 0);
    X.forEach((x, i) => x.indices.forEach((j, k) => (out[j] += x.values[k] * u[i])));
    for (let j = 0; j < dimension; j++) out[j] -= mean[j] * su;
    return out;
  };
  let total = 0;
  for (const x of X) for (const v of x.values) total += v * v;
  for (let j = 0; j < dimension; j++) total -= n * mean[j] * mean[j];
  const random = mulberry32(seed);
  const components: Float64Array[] = [];
  const variances: number[] = [];
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: dimension }, () => random() - 0.5);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const w = timesT(times(v));
      for (const p of components) {
        let d = 0;
        for (let j = 0; j < dimension; j++) d += w[j] * p[j];
        for (let j = 0; j < dimension; j++) w[j] -= d * p[j];
      }
      let norm = 0;
      for (const x of w) norm += x * x;
      norm = Math.sqrt(norm);
      if (norm === 0) break;
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    components.push(v);
    variances.push(lambda);
  }
  const [x, y] = components.map(times);
  return { x, y, explained: variances.map((l) => (total > 0 ? l / total : 0)) };
}
