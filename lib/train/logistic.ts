/**
 * Multi-label one-vs-rest logistic regression on sparse features, in the
 * manner of scikit-learn: hyper-parameters in the constructor, `fit`
 * returns the fitted model, `predictProba` / `predict` are pure, `toJSON` /
 * `fromJSON` save and load it bit for bit (weights as base64 of the
 * Float64Array bytes).
 *
 * Each class is a binary logistic regression with L2 penalty (1 / C, the
 * intercept not penalised) and optional balanced class weights, fitted by
 * L-BFGS on the full batch — deterministic, no learning rate to tune. Per-
 * class decision thresholds can be tuned on out-of-fold probabilities.
 *
 * @example
 * ```ts
 * import { OneVsRestLogistic } from "./logistic.ts";
 * declare const X: any; // your data
 * declare const Y: any; // your data
 * declare const dimension: any; // your data
 * const model = new OneVsRestLogistic({ C: 4, classWeight: "balanced" }).fit(X, Y, dimension);
 * model.predictProba(X)[0]; // one probability per class
 * ```
 */
import type { SparseVector } from "../represent/mod.ts";
import { fromBase64, toBase64, withDefaults } from "../base/mod.ts";

/** Hyper-parameters of {@link OneVsRestLogistic}. */
export interface LogisticOptions {
  /** Inverse of the L2 penalty strength. @default 4 */
  C?: number;
  /** "balanced" weighs positives and negatives of each class equally in total. @default "balanced" */
  classWeight?: "balanced" | null;
  /** L-BFGS iterations at most. @default 300 */
  maxIter?: number;
  /** Stop when the gradient's max-norm falls below this. @default 1e-5 */
  tol?: number;
  /** L-BFGS memory. @default 10 */
  memory?: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Fits one binary problem; returns weights (last entry = intercept). */
function fitBinary(
  X: SparseVector[],
  y: boolean[],
  dimension: number,
  o: Required<LogisticOptions>,
): Float64Array {
  const n = X.length;
  const positives = y.filter(Boolean).length;
  const wPos = o.classWeight === "balanced" && positives > 0 ? n / (2 * positives) : 1;
  const wNeg = o.classWeight === "balanced" && positives < n ? n / (2 * (n - positives)) : 1;
  const lambda = 1 / o.C;
  const size = dimension + 1;
  // loss(w) = Σ s_i log(1 + exp(-t_i z_i)) + λ/2 |w|² ; t = ±1
  const evaluate = (w: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const x = X[i];
      let z = w[dimension];
      for (let k = 0; k < x.indices.length; k++) z += w[x.indices[k]] * x.values[k];
      const t = y[i] ? 1 : -1;
      const s = y[i] ? wPos : wNeg;
      const m = t * z;
      loss += s * (m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m)));
      const g = -s * t * sigmoid(-m);
      for (let k = 0; k < x.indices.length; k++) grad[x.indices[k]] += g * x.values[k];
      grad[dimension] += g;
    }
    for (let j = 0; j < dimension; j++) {
      loss += 0.5 * lambda * w[j] * w[j];
      grad[j] += lambda * w[j];
    }
    return loss;
  };
  const w = new Float64Array(size);
  const g = new Float64Array(size);
  let f = evaluate(w, g);
  const S: Float64Array[] = [];
  const Yh: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(size);
  const alpha = new Float64Array(o.memory);
  const wNew = new Float64Array(size);
  const gNew = new Float64Array(size);
  for (let iter = 0; iter < o.maxIter; iter++) {
    let gmax = 0;
    for (let j = 0; j < size; j++) gmax = Math.max(gmax, Math.abs(g[j]));
    if (gmax < o.tol) break;
    // two-loop recursion: direction = -H g
    for (let j = 0; j < size; j++) direction[j] = -g[j];
    for (let k = S.length - 1; k >= 0; k--) {
      let a = 0;
      for (let j = 0; j < size; j++) a += S[k][j] * direction[j];
      a *= rho[k];
      alpha[k] = a;
      for (let j = 0; j < size; j++) direction[j] -= a * Yh[k][j];
    }
    if (S.length > 0) {
      const last = S.length - 1;
      let sy = 0, yy = 0;
      for (let j = 0; j < size; j++) {
        sy += S[last][j] * Yh[last][j];
        yy += Yh[last][j] * Yh[last][j];
      }
      const gamma = sy / yy;
      for (let j = 0; j < size; j++) direction[j] *= gamma;
    } else {
      const scale = 1 / Math.max(1e-12, Math.sqrt(g.reduce((a, v) => a + v * v, 0)));
      for (let j = 0; j < size; j++) direction[j] *= scale;
    }
    for (let k = 0; k < S.length; k++) {
      let b = 0;
      for (let j = 0; j < size; j++) b += Yh[k][j] * direction[j];
      b *= rho[k];
      for (let j = 0; j < size; j++) direction[j] += S[k][j] * (alpha[k] - b);
    }
    let slope = 0;
    for (let j = 0; j < size; j++) slope += g[j] * direction[j];
    if (slope >= 0) { // not a descent direction: restart from the gradient
      S.length = 0;
      Yh.length = 0;
      rho.length = 0;
      for (let j = 0; j < size; j++) direction[j] = -g[j];
      slope = -g.reduce((a, v) => a + v * v, 0);
    }
    // backtracking (Armijo)
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < size; j++) wNew[j] = w[j] + step * direction[j];
      fNew = evaluate(wNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break; // no progress possible
    const s = new Float64Array(size);
    const yv = new Float64Array(size);
    let sy = 0;
    for (let j = 0; j < size; j++) {
      s[j] = wNew[j] - w[j];
      yv[j] = gNew[j] - g[j];
      sy += s[j] * yv[j];
    }
    w.set(wNew);
    g.set(gNew);
    const improvement = f - fNew;
    f = fNew;
    if (sy > 1e-12) {
      S.push(s);
      Yh.push(yv);
      rho.push(1 / sy);
      if (S.length > o.memory) {
        S.shift();
        Yh.shift();
        rho.shift();
      }
    }
    if (improvement < 1e-10 * Math.max(1, Math.abs(f))) break;
  }
  return w;
}

/** A fitted (or not yet fitted) one-vs-rest logistic regression. */
export class OneVsRestLogistic {
  readonly options: Required<LogisticOptions>;
  weights: Float64Array[] = [];
  thresholds: number[] = [];
  dimension = 0;

  constructor(options: LogisticOptions = {}) {
    this.options = withDefaults<Required<LogisticOptions>>({
      C: 4,
      classWeight: "balanced",
      maxIter: 300,
      tol: 1e-5,
      memory: 10,
    }, options);
    if (!(this.options.C > 0)) throw new Error(`C must be a positive number, got ${this.options.C}`);
  }

  /** Fits one binary model per column of Y. Thresholds start at 0.5. */
  fit(X: SparseVector[], Y: boolean[][], dimension: number): this {
    if (X.length !== Y.length) throw new Error(`X has ${X.length} rows, Y ${Y.length}`);
    if (X.length === 0) throw new Error("no training examples");
    this.dimension = dimension;
    const classes = Y[0].length;
    this.weights = Array.from(
      { length: classes },
      (_, c) => fitBinary(X, Y.map((row) => row[c]), dimension, this.options),
    );
    this.thresholds = new Array(classes).fill(0.5);
    return this;
  }

  /** Probability of each class for each row. */
  /**
   * The probability of class `c` for one dense row of features (its values
   * rounded to float32, as a sparse row stores them): what predictProba
   * gives for that row, without building it.
   */
  probabilityOf(row: ArrayLike<number>, c = 0): number {
    const w = this.weights[c];
    let z = w[this.dimension];
    for (let k = 0; k < row.length; k++) if (k < this.dimension) z += w[k] * Math.fround(row[k]);
    return sigmoid(z);
  }

  predictProba(X: SparseVector[]): number[][] {
    return X.map((x) =>
      this.weights.map((w) => {
        let z = w[this.dimension];
        for (let k = 0; k < x.indices.length; k++) {
          if (x.indices[k] < this.dimension) z += w[x.indices[k]] * x.values[k];
        }
        return sigmoid(z);
      })
    );
  }

  /** Decisions with the per-class thresholds. */
  predict(X: SparseVector[]): boolean[][] {
    return this.predictProba(X).map((ps) => ps.map((p, c) => p >= this.thresholds[c]));
  }

  toJSON() {
    return {
      options: this.options,
      dimension: this.dimension,
      thresholds: this.thresholds,
      weights: this.weights.map(toBase64),
    };
  }

  static fromJSON(json: ReturnType<OneVsRestLogistic["toJSON"]>): OneVsRestLogistic {
    const m = new OneVsRestLogistic(json.options);
    m.dimension = json.dimension;
    m.thresholds = json.thresholds;
    m.weights = json.weights.map((w) => new Float64Array(fromBase64(w).buffer));
    return m;
  }
}

/** The threshold maximising F1 of one class on (probability, truth) pairs; 0.5 when there is no positive. */
export function bestThreshold(probabilities: number[], truth: boolean[]): number {
  if (!truth.some(Boolean)) return 0.5;
  let best = 0.5, bestF1 = -1;
  for (let step = 5; step <= 95; step++) {
    const t = step / 100;
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < truth.length; i++) {
      const p = probabilities[i] >= t;
      if (p && truth[i]) tp++;
      else if (p) fp++;
      else if (truth[i]) fn++;
    }
    const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
    if (f1 > bestF1 + 1e-12) {
      bestF1 = f1;
      best = t;
    }
  }
  return best;
}
