/**
 * Sparse vectors (sorted indices, values) and the operations the samplers
 * and linear models need.
 *
 * @example
 * ```ts
 * import { dot, l2normalise } from "./sparse.ts";
 * const v = l2normalise({ indices: Int32Array.of(0, 3), values: Float32Array.of(3, 4) }); // values 0.6, 0.8
 * dot(v, v); // 1
 * ```
 */

/** A sparse vector: strictly increasing indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Dot product of two sparse vectors (merge of sorted indices). */
export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0, j = 0, sum = 0;
  const ai = a.indices, bi = b.indices;
  while (i < ai.length && j < bi.length) {
    const x = ai[i], y = bi[j];
    if (x === y) sum += a.values[i++] * b.values[j++];
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** The vector scaled to unit L2 norm (the zero vector stays zero). */
export function l2normalise(v: SparseVector): SparseVector {
  let norm = 0;
  for (const x of v.values) norm += x * x;
  norm = Math.sqrt(norm);
  return norm === 0 ? v : { indices: v.indices, values: v.values.map((x) => x / norm) };
}

/** Builds a sparse vector from index -> value counts (indices sorted). */
export function fromMap(map: Map<number, number>): SparseVector {
  const indices = Int32Array.from(map.keys()).sort();
  return { indices, values: Float32Array.from(indices, (i) => map.get(i)!) };
}

/**
 * A dense vector (an embedding) in the sparse form the samplers and
 * clusterers take, so that they run unchanged on embeddings.
 *
 * @example
 * ```ts
 * denseToSparse(Float32Array.of(0.6, 0, 0.8)); // { indices: [0, 1, 2], values: [0.6, 0, 0.8] }
 * ```
 */
export function denseToSparse(v: Float32Array): SparseVector {
  return { indices: Int32Array.from(v, (_, i) => i), values: v };
}
