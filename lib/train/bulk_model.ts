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
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const records: LabelRecord[];
 * declare const offer: Offer;
 * const model = new BulkModel({ bits: 18 }).fit(offers, records); // outputs: the themes, then `skill:<code_ogr>`
 * model.probabilitiesOf(offer); // Float64Array, one per output
 * ```
 */
import { type SparseVector, WordHashing } from "../represent/mod.ts";
import { foldSplits, iterativeStratifiedFolds } from "../stats/mod.ts";
import { modelText, type Offer } from "../corpus/mod.ts";
import { bestThreshold, OneVsRestLogistic } from "./logistic.ts";
import { PRESENT, THEMES, withDefaults } from "../base/mod.ts";
import { type Estimator, type Labels, thresholded } from "./estimator.ts";

/** Hyper-parameters of {@link BulkModel}. */
export interface BulkModelOptions {
  /** 2^bits hashing buckets. @default 18 */
  bits?: number;
  /** Inverse L2 penalty. @default 4 */
  C?: number;
  /** Inner folds that tune the thresholds; 0 keeps 0.5. @default 3 */
  thresholdFolds?: number;
  /** Seed of the inner folds. @default 42 */
  seed?: number;
  /** The outputs to learn (themes, then `skill:<code_ogr>`); null: those the training labels support ({@link bulkOutputs}). @default null */
  outputs?: string[] | null;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Renumbers the buckets vectors use to 0..used.length-1 (order kept); `used[j]` is bucket j's original index. */
function compact(vectors: SparseVector[]): { X: SparseVector[]; used: Int32Array } {
  const seen = new Set<number>();
  for (const v of vectors) for (const i of v.indices) seen.add(i);
  const used = Int32Array.from(seen).sort();
  const position = new Map<number, number>();
  used.forEach((bucket, j) => position.set(bucket, j));
  return {
    X: vectors.map((v) => ({ indices: v.indices.map((i) => position.get(i)!), values: v.values })),
    used,
  };
}

/** What fitting gives: the outputs' names, weights (dimension × outputs, feature-major), intercepts, thresholds. */
interface Fitted {
  outputs: string[];
  weights: Float32Array;
  intercepts: Float64Array;
  thresholds: number[];
  /** Bucket → row of `rows`, or -1 for a bucket whose weights are all 0 (never seen in training). */
  rowOf: Int32Array;
  /** The non-zero rows of the weights, packed: a few MB that stay in cache, where the dense matrix would not. */
  rows: Float32Array;
}

/** A bulk labeller (see the module doc); fitted once `fit` has run. */
export class BulkModel implements Estimator<boolean[]> {
  readonly kind = "bulk-model";
  readonly options: Required<BulkModelOptions>;
  readonly hashing: WordHashing;
  #fitted: Fitted | null = null;
  #scores = new Float64Array(0);

  constructor(options: BulkModelOptions = {}) {
    this.options = withDefaults<Required<BulkModelOptions>>({
      bits: 18,
      C: 4,
      thresholdFolds: 3,
      seed: 42,
      outputs: null,
    }, options);
    this.hashing = new WordHashing({ bits: this.options.bits });
  }

  clone(): BulkModel {
    return new BulkModel(this.options);
  }

  /** Fits one output per theme and per soft skill (those of the options, else those the labels mark often enough). */
  fit(offers: Offer[], labels: Labels[]): this {
    if (offers.length !== labels.length) {
      throw new Error(`${offers.length} offers but ${labels.length} label records`);
    }
    const outputs = this.options.outputs ?? bulkOutputs(labels);
    const Y = bulkMatrix(labels, outputs);
    const o = this.options;
    const texts = offers.map(modelText);
    // Fit on the buckets the training texts use only (renumbered densely): the
    // others get no gradient and stay at 0, so the result is the same, faster.
    const { X, used } = compact(this.hashing.transform(texts));
    const fit = (rows: number[]) =>
      new OneVsRestLogistic({ C: o.C }).fit(rows.map((i) => X[i]), rows.map((i) => Y[i]), used.length);
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
    const weights = new Float32Array(this.hashing.dimension * outputs.length);
    const intercepts = new Float64Array(outputs.length);
    classifier.weights.forEach((w, c) => {
      for (let j = 0; j < used.length; j++) weights[used[j] * outputs.length + c] = w[j];
      intercepts[c] = w[used.length];
    });
    this.#set(outputs, weights, intercepts, thresholds);
    return this;
  }

  /** Installs fitted weights and packs their non-zero rows. */
  #set(outputs: string[], weights: Float32Array, intercepts: Float64Array, thresholds: number[]) {
    const dimension = this.hashing.dimension, C = outputs.length;
    if (weights.length !== dimension * C) {
      throw new Error(`weights hold ${weights.length} values, expected ${dimension} × ${C}`);
    }
    const rowOf = new Int32Array(dimension).fill(-1);
    let used = 0;
    for (let j = 0; j < dimension; j++) {
      for (let c = 0; c < C; c++) {
        if (weights[j * C + c] !== 0) {
          rowOf[j] = used++;
          break;
        }
      }
    }
    const rows = new Float32Array(used * C);
    for (let j = 0; j < dimension; j++) {
      if (rowOf[j] >= 0) rows.set(weights.subarray(j * C, (j + 1) * C), rowOf[j] * C);
    }
    this.#fitted = { outputs, weights, intercepts, thresholds, rowOf, rows };
    this.#scores = new Float64Array(C);
  }

  get #parts(): Fitted {
    if (!this.#fitted) throw new Error("this bulk model is not fitted: call fit(offers, labels) first");
    return this.#fitted;
  }

  /** Names of the outputs: the six themes, then `skill:<code_ogr>`. */
  get outputs(): string[] {
    return this.#parts.outputs;
  }

  /** Weights, dimension × outputs, feature-major (what `bulk.weights.f32` holds). */
  get weights(): Float32Array {
    return this.#parts.weights;
  }

  /** The decision threshold of each output. */
  get thresholds(): number[] {
    return this.#parts.thresholds;
  }

  /**
   * Probabilities of every output for one offer, in a buffer reused by the
   * next call (copy it to keep it): the fast path of `label-all`.
   */
  probabilitiesOf(offer: Pick<Offer, "title" | "text">): Float64Array {
    const { outputs, intercepts, rows: w, rowOf } = this.#parts;
    const { size, indices, values } = this.hashing.features(modelText(offer));
    const C = outputs.length;
    const scores = this.#scores;
    scores.set(intercepts);
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

  /** Probabilities of every output for each offer. */
  predictProba(offers: Pick<Offer, "title" | "text">[]): number[][] {
    return offers.map((o) => Array.from(this.probabilitiesOf(o)));
  }

  decide(probabilities: number[][]): boolean[][] {
    return thresholded(probabilities, this.thresholds);
  }

  /** Decisions with the per-output thresholds. */
  predict(offers: Pick<Offer, "title" | "text">[]): boolean[][] {
    return this.decide(this.predictProba(offers));
  }

  /** The JSON part of the saved model (the weights go to a separate binary file, {@link weightBytes}). */
  toJSON() {
    const { outputs, thresholds, intercepts } = this.#parts;
    return {
      kind: this.kind,
      features: this.hashing.toJSON(),
      outputs,
      thresholds,
      intercepts: Array.from(intercepts),
      options: this.options,
      weights: {
        file: "bulk.weights.f32",
        dtype: "float32",
        byte_order: "little",
        shape: [this.hashing.dimension, outputs.length],
      },
    };
  }

  /** The weights as raw little-endian float32 bytes. */
  weightBytes(): Uint8Array {
    const w = this.weights;
    return new Uint8Array(w.buffer, w.byteOffset, w.byteLength);
  }

  /** Rebuilds a model from {@link toJSON} and the weight bytes. */
  static fromParts(meta: ReturnType<BulkModel["toJSON"]>, weightBytes: Uint8Array): BulkModel {
    if (meta.kind !== "bulk-model") throw new Error(`not a bulk model (kind ${JSON.stringify(meta.kind)})`);
    const aligned = new Uint8Array(weightBytes.length);
    aligned.set(weightBytes);
    const model = new BulkModel({ ...meta.options, bits: meta.features.bits });
    model.#set(
      meta.outputs,
      new Float32Array(aligned.buffer),
      Float64Array.from(meta.intercepts),
      meta.thresholds,
    );
    return model;
  }
}

/** Soft skills seen fewer times than this in the labels get no output. */
export const MIN_SKILL_POSITIVES = 5;

/**
 * The outputs a set of label records supports: the six themes, then every
 * soft skill marked (>= PRESENT) on at least {@link MIN_SKILL_POSITIVES}
 * offers, as `skill:<code_ogr>` (sorted).
 *
 * @example
 * ```ts
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const records: LabelRecord[];
 * bulkOutputs(records); // ["DIVERSITY", ..., "WORK_LIFE_BALANCE", "skill:300460", ...]
 * ```
 */
export function bulkOutputs(records: Pick<Labels, "soft_skills">[]): string[] {
  const counts = new Map<string, number>();
  for (const r of records) {
    for (const code of new Set(r.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => s.code_ogr))) {
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  const skills = [...counts].filter(([, n]) => n >= MIN_SKILL_POSITIVES).map(([code]) => code).sort();
  return [...THEMES, ...skills.map((code) => `skill:${code}`)];
}

/**
 * The targets of label records for `outputs`: a theme present at >= PRESENT,
 * `skill:<code>` when the record marks that soft skill at >= PRESENT.
 *
 * @example
 * ```ts
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const records: LabelRecord[];
 * bulkMatrix(records, ["DIVERSITY", "skill:300460"]); // [[false, true], ...]
 * ```
 */
export function bulkMatrix(records: Labels[], outputs: readonly string[]): boolean[][] {
  return records.map((r) => {
    const present = new Set(
      r.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => `skill:${s.code_ogr}`),
    );
    return outputs.map((name) =>
      name.startsWith("skill:") ? present.has(name) : (r.themes as Record<string, number>)[name] >= PRESENT
    );
  });
}
