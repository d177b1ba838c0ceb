/**
 * A small classifier head on sentence embeddings: one hidden ReLU layer with
 * dropout, one sigmoid output per theme, trained with Adam on a class-
 * balanced binary cross-entropy (TensorFlow.js, wasm backend, seeded).
 * A seeded 15 % of the training offers is set aside to tune one decision
 * threshold per theme. Same shape of API and of cross-validation as the
 * sparse theme model, on the same folds, so the two compare directly.
 *
 * @example
 * ```ts
 * import { MlpHead, crossValidateHead } from "./mlp_head.ts";
 * const head = await MlpHead.train(vectors, Y, { seed: 42 });
 * head.predict(moreVectors); // boolean[][] in THEMES order
 * const cv = await crossValidateHead(vectors, Y, { k: 5, seed: 42 });
 * ```
 */
import { tf, tfReady } from "../lm/tf_backend.ts";
import { foldSplits, iterativeStratifiedFolds } from "../stats/cv.ts";
import { Random } from "../base/random.ts";
import { bestThreshold } from "./logistic.ts";
import { assembleCrossValidation, type CrossValidation, type FoldResult } from "./theme_model.ts";

/** Hyper-parameters of {@link MlpHead}. */
export interface MlpHeadOptions {
  /** Hidden units. @default 64 */
  hidden?: number;
  /** Passes over the training offers. @default 60 */
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** L2 penalty of both layers' kernels. @default 1e-4 */
  l2?: number;
  dropout?: number;
  /** Share of the training offers kept aside to tune the thresholds. @default 0.15 */
  validationShare?: number;
  seed?: number;
}

function defaults(o: MlpHeadOptions): Required<MlpHeadOptions> {
  return { hidden: 64, epochs: 60, batchSize: 64, learningRate: 3e-3, l2: 1e-4, dropout: 0.1, validationShare: 0.15, seed: 42, ...o };
}

function matrix(X: Float32Array[]): tf.Tensor2D {
  const d = X[0].length;
  const flat = new Float32Array(X.length * d);
  X.forEach((x, i) => flat.set(x, i * d));
  return tf.tensor2d(flat, [X.length, d]);
}

/** A trained head: the tfjs model and one threshold per theme. */
export class MlpHead {
  constructor(readonly model: tf.LayersModel, readonly thresholds: number[], readonly options: Required<MlpHeadOptions>) {}

  /** Trains on embeddings and theme decisions (columns in THEMES order). */
  static async train(X: Float32Array[], Y: boolean[][], options: MlpHeadOptions = {}): Promise<MlpHead> {
    await tfReady();
    const o = defaults(options);
    if (X.length < 10) throw new Error(`MlpHead: ${X.length} training offers; need at least 10`);
    const random = new Random(o.seed);
    const order = random.shuffle(X.map((_, i) => i));
    const nValidation = Math.max(1, Math.round(o.validationShare * X.length));
    const validation = order.slice(0, nValidation), train = order.slice(nValidation);
    const classes = Y[0].length;
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [X[0].length], units: o.hidden, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed }), kernelRegularizer: tf.regularizers.l2({ l2: o.l2 }) }),
        tf.layers.dropout({ rate: o.dropout, seed: o.seed }),
        tf.layers.dense({ units: classes, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + 1 }), kernelRegularizer: tf.regularizers.l2({ l2: o.l2 }) }),
      ],
    });
    // Balanced binary cross-entropy: positives and negatives of each theme weigh the same in total.
    const positives = Array.from({ length: classes }, (_, c) => train.filter((i) => Y[i][c]).length);
    const wPos = tf.tensor1d(positives.map((p) => (p ? train.length / (2 * p) : 1)));
    const wNeg = tf.tensor1d(positives.map((p) => (p < train.length ? train.length / (2 * (train.length - p)) : 1)));
    const loss = (yTrue: tf.Tensor, yPred: tf.Tensor) =>
      tf.tidy(() => {
        const p = yPred.clipByValue(1e-7, 1 - 1e-7);
        return yTrue.mul(p.log()).mul(wPos).add(tf.sub(1, yTrue).mul(tf.sub(1, p).log()).mul(wNeg)).neg().mean();
      });
    model.compile({ optimizer: tf.train.adam(o.learningRate), loss });
    const xs = matrix(train.map((i) => X[i]));
    const ys = tf.tensor2d(train.map((i) => Y[i].map(Number)));
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      // Our own seeded shuffle each epoch (tfjs's own shuffle is not seedable).
      const perm = tf.tensor1d(new Random(o.seed + epoch).shuffle(train.map((_, k) => k)), "int32");
      const [xe, ye] = [tf.gather(xs, perm), tf.gather(ys, perm)];
      await model.fit(xe, ye, { epochs: 1, batchSize: o.batchSize, shuffle: false, verbose: 0 });
      tf.dispose([perm, xe, ye]);
    }
    tf.dispose([xs, ys, wPos, wNeg]);
    const head = new MlpHead(model, new Array(classes).fill(0.5), o);
    const probabilities = head.predictProba(validation.map((i) => X[i]));
    const thresholds = Array.from({ length: classes }, (_, c) => bestThreshold(probabilities.map((p) => p[c]), validation.map((i) => Y[i][c])));
    return new MlpHead(model, thresholds, o);
  }

  /** Probability of each theme for each embedding. */
  predictProba(X: Float32Array[]): number[][] {
    if (!X.length) return [];
    return tf.tidy(() => (this.model.predict(matrix(X)) as tf.Tensor2D).arraySync());
  }

  /** Decisions with the tuned thresholds. */
  predict(X: Float32Array[]): boolean[][] {
    return this.predictProba(X).map((ps) => ps.map((p, c) => p >= this.thresholds[c]));
  }

  dispose() {
    this.model.dispose();
  }
}

/**
 * k-fold cross-validation of the head with the folds the sparse model's
 * `crossValidate` uses for the same labels and seed; scores against `truth`
 * (defaults to the training labels).
 */
export async function crossValidateHead(X: Float32Array[], Y: boolean[][], options: MlpHeadOptions & { k?: number; truth?: boolean[][] } = {}): Promise<CrossValidation> {
  const k = options.k ?? 5;
  const results: FoldResult[] = [];
  for (const { train, test } of foldSplits(iterativeStratifiedFolds(Y, k, options.seed ?? 42), k)) {
    const head = await MlpHead.train(train.map((i) => X[i]), train.map((i) => Y[i]), options);
    results.push({ test, probabilities: head.predictProba(test.map((i) => X[i])), thresholds: head.thresholds });
    head.dispose();
  }
  return assembleCrossValidation(results, options.truth ?? Y);
}
