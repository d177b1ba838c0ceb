/**
 * The bulk labeller: the cheapest model that still learns from the sure
 * labels, built to label millions of offers in minutes. Word 1-2-gram
 * hashing features (scikit-learn's HashingVectorizer, bucket for bucket)
 * and one linear layer with one output per theme and per soft skill
 * (offer-level presence), trained by one-vs-rest logistic regression with
 * per-output thresholds tuned on out-of-fold probabilities.
 *
 * Weights are kept as one dense float32 matrix laid out feature-major, so a
 * bucket's weights for all outputs sit side by side in memory — one pass
 * over an offer's buckets scores every output.
 *
 * @example
 * ```ts
 * import { BulkModel } from "./bulk_model.ts";
 * const model = BulkModel.train(texts, Y, ["DIVERSITY", "skill:300460"], { bits: 18 });
 * model.probabilities("Télétravail 2 jours par semaine"); // Float64Array, one per output
 * ```
 */
import { WordHashing } from "../represent/word_hashing.ts";
import type { SparseVector } from "../represent/sparse.ts";
import { foldSplits, iterativeStratifiedFolds } from "../stats/cv.ts";
import { bestThreshold, OneVsRestLogistic } from "./logistic.ts";
import { PRESENT } from "../base/vocabulary.ts";

/** Hyper-parameters of {@link BulkModel.train}. */
export interface BulkModelOptions {
  /** 2^bits hashing buckets. @default 18 */
  bits?: number;
  /** Inverse L2 penalty. @default 4 */
  C?: number;
  /** Inner folds that tune the thresholds; 0 keeps 0.5. @default 3 */
  thresholdFolds?: number;
  /** Seed of the inner folds. @default 42 */
  seed?: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Renumbers the buckets vectors use to 0..used.length-1 (order kept); `used[j]` is bucket j's original index. */
function compact(vectors: SparseVector[]): { X: SparseVector[]; used: Int32Array } {
  const seen = new Set<number>();
  for (const v of vectors) for (const i of v.indices) seen.add(i);
  const used = Int32Array.from(seen).sort();
  const position = new Map<number, number>();
  used.forEach((bucket, j) => position.set(bucket, j));
  return { X: vectors.map((v) => ({ indices: v.indices.map((i) => position.get(i)!), values: v.values })), used };
}

/** A trained bulk labeller. */
export class BulkModel {
  readonly hashing: WordHashing;
  #scores: Float64Array;
  /** Bucket → row of #rows, or -1 for a bucket whose weights are all 0 (never seen in training). */
  #rowOf: Int32Array;
  /** The non-zero rows of the weights, packed: a few MB that stay in cache, where the dense matrix would not. */
  #rows: Float32Array;

  /**
   * @param outputs names of the outputs (themes, then `skill:<code_ogr>`)
   * @param weights dimension × outputs, feature-major
   */
  constructor(
    readonly bits: number,
    readonly outputs: string[],
    readonly weights: Float32Array,
    readonly intercepts: Float64Array,
    readonly thresholds: number[],
    readonly options: Required<BulkModelOptions>,
  ) {
    this.hashing = new WordHashing({ bits });
    if (weights.length !== this.hashing.dimension * outputs.length) {
      throw new Error(`weights hold ${weights.length} values, expected ${this.hashing.dimension} × ${outputs.length}`);
    }
    this.#scores = new Float64Array(outputs.length);
    const C = outputs.length;
    this.#rowOf = new Int32Array(this.hashing.dimension).fill(-1);
    let used = 0;
    for (let j = 0; j < this.hashing.dimension; j++) {
      for (let c = 0; c < C; c++) {
        if (weights[j * C + c] !== 0) {
          this.#rowOf[j] = used++;
          break;
        }
      }
    }
    this.#rows = new Float32Array(used * C);
    for (let j = 0; j < this.hashing.dimension; j++) {
      if (this.#rowOf[j] >= 0) this.#rows.set(weights.subarray(j * C, (j + 1) * C), this.#rowOf[j] * C);
    }
  }

  /** Trains one output per column of Y (named by `outputs`). */
  static train(texts: string[], Y: boolean[][], outputs: string[], options: BulkModelOptions = {}): BulkModel {
    const o: Required<BulkModelOptions> = { bits: 18, C: 4, thresholdFolds: 3, seed: 42, ...options };
    if (texts.length !== Y.length) throw new Error(`${texts.length} texts but ${Y.length} label rows`);
    if (Y.some((row) => row.length !== outputs.length)) throw new Error(`every label row needs ${outputs.length} values (${outputs.join(", ")})`);
    const hashing = new WordHashing({ bits: o.bits });
    // Fit on the buckets the training texts use only (renumbered densely): the
    // others get no gradient and stay at 0, so the result is the same, faster.
    const { X, used } = compact(hashing.transform(texts));
    const fit = (rows: number[]) => new OneVsRestLogistic({ C: o.C }).fit(rows.map((i) => X[i]), rows.map((i) => Y[i]), used.length);
    const classifier = fit(texts.map((_, i) => i));
    let thresholds = outputs.map(() => 0.5);
    if (o.thresholdFolds >= 2 && texts.length >= 4 * o.thresholdFolds) {
      const folds = iterativeStratifiedFolds(Y, o.thresholdFolds, o.seed);
      const oof: number[][] = new Array(texts.length);
      for (const { train, test } of foldSplits(folds, o.thresholdFolds)) {
        const inner = fit(train);
        const p = inner.predictProba(test.map((i) => X[i]));
        test.forEach((i, k) => (oof[i] = p[k]));
      }
      thresholds = outputs.map((_, c) => bestThreshold(oof.map((p) => p[c]), Y.map((y) => y[c])));
    }
    const weights = new Float32Array(hashing.dimension * outputs.length);
    const intercepts = new Float64Array(outputs.length);
    classifier.weights.forEach((w, c) => {
      for (let j = 0; j < used.length; j++) weights[used[j] * outputs.length + c] = w[j];
      intercepts[c] = w[used.length];
    });
    return new BulkModel(o.bits, outputs, weights, intercepts, thresholds, o);
  }

  /**
   * Probabilities of every output for one text, in a buffer reused by the
   * next call (copy it to keep it).
   */
  probabilities(text: string): Float64Array {
    const { size, indices, values } = this.hashing.features(text);
    const C = this.outputs.length;
    const scores = this.#scores;
    scores.set(this.intercepts);
    const w = this.#rows, rowOf = this.#rowOf;
    for (let k = 0; k < size; k++) {
      const row = rowOf[indices[k]];
      if (row < 0) continue;
      const v = values[k];
      const base = row * C;
      for (let c = 0; c < C; c++) scores[c] += v * w[base + c];
    }
    for (let c = 0; c < C; c++) scores[c] = sigmoid(scores[c]);
    return scores;
  }

  /** Probabilities of every output for each text. */
  predictProba(texts: string[]): number[][] {
    return texts.map((t) => Array.from(this.probabilities(t)));
  }

  /** Decisions with the per-output thresholds. */
  predict(texts: string[]): boolean[][] {
    return this.predictProba(texts).map((ps) => ps.map((p, c) => p >= this.thresholds[c]));
  }

  /** The JSON part of the saved model (the weights go to a separate binary file). */
  meta() {
    return {
      kind: "bulk-model",
      features: this.hashing.toJSON(),
      outputs: this.outputs,
      thresholds: this.thresholds,
      intercepts: Array.from(this.intercepts),
      options: this.options,
      weights: { file: "bulk.weights.f32", dtype: "float32", byte_order: "little", shape: [this.hashing.dimension, this.outputs.length] },
    };
  }

  /** Rebuilds a model from {@link meta} and the weight bytes. */
  static fromParts(meta: ReturnType<BulkModel["meta"]>, weightBytes: Uint8Array): BulkModel {
    if (meta.kind !== "bulk-model") throw new Error(`not a bulk model (kind ${JSON.stringify(meta.kind)})`);
    const aligned = new Uint8Array(weightBytes.length);
    aligned.set(weightBytes);
    return new BulkModel(meta.features.bits, meta.outputs, new Float32Array(aligned.buffer), Float64Array.from(meta.intercepts), meta.thresholds, meta.options);
  }
}

/** Soft skills seen fewer times than this in the labels get no output. */
export const MIN_SKILL_POSITIVES = 5;

/**
 * The outputs and targets a set of label records supports: the six themes
 * (present at confidence >= 50), then every soft skill marked (>= 50) on at
 * least {@link MIN_SKILL_POSITIVES} offers, as `skill:<code_ogr>`.
 *
 * @example
 * ```ts
 * const { outputs, Y } = bulkTargets(records); // outputs[0] === "DIVERSITY"
 * ```
 */
export function bulkTargets(records: { themes: Record<string, number>; soft_skills: { code_ogr: string; confidence: number }[] }[], themes: readonly string[]) {
  const counts = new Map<string, number>();
  for (const r of records) for (const code of new Set(r.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => s.code_ogr))) counts.set(code, (counts.get(code) ?? 0) + 1);
  const skills = [...counts].filter(([, n]) => n >= MIN_SKILL_POSITIVES).map(([code]) => code).sort();
  const outputs = [...themes, ...skills.map((code) => `skill:${code}`)];
  const Y = records.map((r) => {
    const present = new Set(r.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => s.code_ogr));
    return [...themes.map((t) => r.themes[t] >= PRESENT), ...skills.map((code) => present.has(code))];
  });
  return { outputs, Y };
}
