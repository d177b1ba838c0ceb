/**
 * Choosing which offers to label: a diverse sample drawn with a distance
 * between offers (cosine on TF-IDF vectors, or on embeddings when given),
 * by quota-constrained k-center greedy: each step takes the offer farthest
 * from those already chosen among the offers whose sector, région and
 * period are still under their proportional quota — so the sample is both
 * spread out in text space and stratified. Also: a seeded random sample of
 * the same size for comparison, coverage and redundancy measures, and
 * uncertainty sampling for later rounds.
 *
 * @example
 * ```ts
 * import { diverseSample, sampleQuality } from "./sampling.ts";
 * declare const vectors: any; // your data
 * declare const strata: any; // your data
 * const picked = diverseSample(vectors, strata, 300, { seed: 42 });
 * sampleQuality(vectors, picked); // { coverage, redundancy }
 * ```
 */
import { dot, type SparseVector } from "../represent/mod.ts";
import { Random } from "../base/mod.ts";
import { percentile } from "../stats/mod.ts";

/** The strata of one offer (any of them may be "unknown"). */
export interface Strata {
  sector: string;
  region: string;
  period: string;
}

/** Options of {@link diverseSample}. */
export interface DiverseOptions {
  /** Seed of the first pick. @default 42 */
  seed?: number;
  /** Stratify on these dimensions. @default ["sector", "region", "period"] */
  stratify?: (keyof Strata)[];
}

function quotas(values: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const [v, c] of counts) out.set(v, Math.ceil((n * c) / values.length)); // ceil: never starve a small stratum
  return out;
}

/** Indices of a diverse, stratified sample of `n` offers (quota-constrained k-center greedy). */
export function diverseSample(
  vectors: SparseVector[],
  strata: Strata[],
  n: number,
  options: DiverseOptions = {},
): number[] {
  const total = vectors.length;
  if (n >= total) return vectors.map((_, i) => i);
  const dims = options.stratify ?? ["sector", "region", "period"];
  const quota = dims.map((d) => quotas(strata.map((s) => s[d]), n));
  const used = dims.map(() => new Map<string, number>());
  const underQuota = (i: number) =>
    dims.every((d, k) => (used[k].get(strata[i][d]) ?? 0) < quota[k].get(strata[i][d])!);
  const take = (i: number) =>
    dims.forEach((d, k) => used[k].set(strata[i][d], (used[k].get(strata[i][d]) ?? 0) + 1));
  const nearest = new Float64Array(total).fill(Infinity); // distance to the closest chosen offer
  const chosen: number[] = [];
  const isChosen = new Uint8Array(total);
  let next = new Random(options.seed ?? 42).int(0, total - 1);
  while (chosen.length < n) {
    chosen.push(next);
    isChosen[next] = 1;
    take(next);
    const c = vectors[next];
    let best = -1, bestDistance = -1, bestAny = -1, bestAnyDistance = -1;
    for (let i = 0; i < total; i++) {
      if (isChosen[i]) continue;
      const d = 1 - dot(vectors[i], c);
      if (d < nearest[i]) nearest[i] = d;
      if (nearest[i] > bestAnyDistance) {
        bestAnyDistance = nearest[i];
        bestAny = i;
      }
      if (nearest[i] > bestDistance && underQuota(i)) {
        bestDistance = nearest[i];
        best = i;
      }
    }
    next = best >= 0 ? best : bestAny; // quotas exhausted: fall back to pure diversity
    if (next < 0) break;
  }
  return chosen.sort((a, b) => a - b);
}

/** Indices of a seeded uniform random sample of `n` of `total` items. */
export function randomSample(total: number, n: number, seed = 42): number[] {
  return new Random(seed).sample(Array.from({ length: total }, (_, i) => i), Math.min(n, total)).sort((
    a,
    b,
  ) => a - b);
}

/**
 * How well a sample represents the corpus. For every offer, its similarity
 * to the most similar sampled offer: `coverage` is the mean (typical offer),
 * `worstCoverage` the 5th percentile (the offers least like anything in the
 * sample: what k-center optimises). Redundancy: `redundancy` is the mean
 * cosine similarity between sampled offers, `nearDuplicatePairs` the number
 * of sampled pairs with similarity >= 0.8 (labels spent twice).
 */
export function sampleQuality(vectors: SparseVector[], sample: number[]) {
  const nearest = vectors.map((v) => {
    let best = 0;
    for (const j of sample) best = Math.max(best, dot(v, vectors[j]));
    return best;
  });
  let pairs = 0, sum = 0, nearDuplicatePairs = 0;
  for (let a = 0; a < sample.length; a++) {
    for (let b = a + 1; b < sample.length; b++) {
      const similarity = dot(vectors[sample[a]], vectors[sample[b]]);
      sum += similarity;
      if (similarity >= 0.8) nearDuplicatePairs++;
      pairs++;
    }
  }
  const sorted = [...nearest].sort((x, y) => x - y);
  return {
    coverage: nearest.reduce((x, y) => x + y, 0) / nearest.length,
    worstCoverage: sorted.length ? percentile(sorted, 0.05) : 0,
    redundancy: pairs ? sum / pairs : 0,
    nearDuplicatePairs,
    nearest,
  };
}

/** Shares of each stratum value in a set of offers. */
export function stratumShares(strata: Strata[], indices: number[], dim: keyof Strata): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of indices) out.set(strata[i][dim], (out.get(strata[i][dim]) ?? 0) + 1 / indices.length);
  return out;
}

/**
 * Uncertainty sampling for later rounds: the `n` offers where the current
 * model is least sure (a theme probability closest to 0.5).
 */
export function uncertaintySample(probabilities: number[][], n: number): number[] {
  const margin = probabilities.map((ps, i) => ({ i, m: Math.min(...ps.map((p) => Math.abs(p - 0.5))) }));
  return margin.sort((a, b) => a.m - b.m || a.i - b.i).slice(0, n).map((x) => x.i).sort((a, b) => a - b);
}

/** The period of a date for stratification: the year, "unknown" when missing. */
export function periodOf(date: string | null): string {
  return date ? date.slice(0, 4) : "unknown";
}
