/**
 * Principal components of sparse vectors (randomized SVD of the centred
 * data, Halko, Martinsson & Tropp 2011, never densified beyond
 * points × components and features × components), deterministic for a
 * seed: the reduced space the registry clusters in (latent semantic
 * analysis when the vectors are TF-IDF) and the 2-D map.
 *
 * @example
 * ```ts
 * import { pca2, principalComponents } from "./project.ts";
 * declare const vectors: any; // your data
 * declare const dimension: any; // your data
 * const { coordinates, explained } = principalComponents(vectors, dimension, 16);
 * const { x, y } = pca2(vectors, dimension);
 * ```
 */
import type { SparseVector } from "../represent/mod.ts";
import { mulberry32 } from "../base/mod.ts";

/** Points' coordinates on the first components and the share of the total variance each component explains. */
export interface Components {
  /** One array of `components` coordinates per point. */
  coordinates: Float64Array[];
  explained: number[];
}

/** Orthonormalises the columns of a (rows × l, column-major) in place (modified Gram-Schmidt); a null column stays null. */
function orthonormalise(columns: Float64Array[]) {
  columns.forEach((c, j) => {
    for (let p = 0; p < j; p++) {
      let d = 0;
      for (let i = 0; i < c.length; i++) d += c[i] * columns[p][i];
      for (let i = 0; i < c.length; i++) c[i] -= d * columns[p][i];
    }
    let norm = 0;
    for (const x of c) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm > 1e-12) { for (let i = 0; i < c.length; i++) c[i] /= norm; }
    else c.fill(0);
  });
}

/** Eigenvalues (descending) and eigenvectors (columns) of a small symmetric matrix, by cyclic Jacobi rotations. */
function symmetricEigen(m: Float64Array[]): { values: number[]; vectors: Float64Array[] } {
  const n = m.length;
  const a = m.map((r) => Float64Array.from(r));
  const v = Array.from(
    { length: n },
    (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
    if (off < 1e-24) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) { // rotate columns p, q then rows p, q
          const akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p], vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j][j] - a[i][i] || i - j);
  return {
    values: order.map((i) => a[i][i]),
    vectors: order.map((i) => Float64Array.from({ length: n }, (_, k) => v[k][i])),
  };
}

/**
 * The first `components` principal components of the points (centred on
 * their mean): randomized range finder with `components + 8` columns and
 * four power iterations, then an exact decomposition in that range. Each
 * component's sign is fixed so that its largest coordinate is positive.
 */
export function principalComponents(
  X: SparseVector[],
  dimension: number,
  components: number,
  seed = 42,
): Components {
  const n = X.length;
  const d = Math.min(components, n, dimension);
  if (d < 1) {
    throw new Error(
      `principalComponents: ${components} components of ${n} points in ${dimension} dimensions`,
    );
  }
  const width = Math.min(d + 8, n, dimension);
  const mean = new Float64Array(dimension);
  for (const x of X) x.indices.forEach((j, k) => (mean[j] += x.values[k] / n));
  const times = (v: Float64Array) => { // (X - mean) v, one value per point
    let mv = 0;
    for (let j = 0; j < dimension; j++) mv += mean[j] * v[j];
    return Float64Array.from(X, (x) => {
      let s = -mv;
      for (let k = 0; k < x.indices.length; k++) s += x.values[k] * v[x.indices[k]];
      return s;
    });
  };
  const timesT = (u: Float64Array) => { // (X - mean)^T u
    const out = new Float64Array(dimension);
    let su = 0;
    X.forEach((x, i) => {
      su += u[i];
      for (let k = 0; k < x.indices.length; k++) out[x.indices[k]] += x.values[k] * u[i];
    });
    for (let j = 0; j < dimension; j++) out[j] -= mean[j] * su;
    return out;
  };
  const random = mulberry32(seed);
  let Q = Array.from(
    { length: width },
    () => times(Float64Array.from({ length: dimension }, () => random() - 0.5)),
  );
  orthonormalise(Q);
  for (let it = 0; it < 4; it++) {
    const Z = Q.map(timesT);
    orthonormalise(Z);
    Q = Z.map(times);
    orthonormalise(Q);
  }
  // B = Q^T (X - mean): its Gram matrix B B^T (width × width) holds the top of the spectrum.
  const B = Q.map(timesT);
  const gram = B.map((bi) =>
    Float64Array.from(B, (bj) => {
      let s = 0;
      for (let j = 0; j < dimension; j++) s += bi[j] * bj[j];
      return s;
    })
  );
  const { values, vectors } = symmetricEigen(gram);
  let total = 0;
  for (const x of X) for (const v of x.values) total += v * v;
  for (let j = 0; j < dimension; j++) total -= n * mean[j] * mean[j];
  const columns = vectors.slice(0, d).map((w, c) => { // scores on component c: Q w sqrt(lambda)
    const scale = Math.sqrt(Math.max(values[c], 0));
    const col = new Float64Array(n);
    w.forEach((wk, k) => {
      for (let i = 0; i < n; i++) col[i] += Q[k][i] * wk * scale;
    });
    let at = 0;
    for (let i = 1; i < n; i++) if (Math.abs(col[i]) > Math.abs(col[at]) + 1e-12) at = i;
    if (col[at] < 0) { for (let i = 0; i < n; i++) col[i] = -col[i]; }
    return col;
  });
  return {
    coordinates: Array.from({ length: n }, (_, i) => Float64Array.from(columns, (col) => col[i])),
    explained: values.slice(0, d).map((l) => (total > 0 ? Math.max(l, 0) / total : 0)),
  };
}

/** Coordinates on the first two principal components and the share of variance each explains. */
export function pca2(X: SparseVector[], dimension: number, seed = 42) {
  const { coordinates, explained } = principalComponents(X, dimension, 2, seed);
  return { x: coordinates.map((c) => c[0]), y: coordinates.map((c) => c[1] ?? 0), explained };
}
