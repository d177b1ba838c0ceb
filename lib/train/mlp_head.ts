/**
 * A small classifier head on sentence embeddings: one hidden ReLU layer with
 * dropout, one sigmoid output per theme, trained with Adam on a class-
 * balanced binary cross-entropy (TensorFlow.js, wasm backend, seeded).
 * A seeded 15 % of the training offers is set aside to tune one decision
 * threshold per theme. Same shape of API and of cross-validation as the
 * sparse theme model, on the same folds, so the two compare directly.
 *
 * The head reads each offer through `vectors`, a function giving the
 * offers' embeddings (computed ahead, since embedding is asynchronous:
 * {@link vectorTable}); it is not saved with the head, so `load` takes it
 * back.
 *
 * @example
 * ```ts
 * import { MlpHead, vectorTable } from "./mlp_head.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const embed: (texts: string[]) => Promise<Float32Array[]>;
 * declare const records: LabelRecord[];
 * const vectors = vectorTable(offers, await embed(offers.map((o) => o.text)));
 * const head = await new MlpHead(vectors, { seed: 42 }).fit(offers, records);
 * head.predict(offers); // boolean[][] in THEMES order
 * ```
 */
import { tf, tfReady } from "../lm/mod.ts";
import { fromBase64, Random, themeMatrix, toBase64 } from "../base/mod.ts";
import type { Offer } from "../corpus/mod.ts";
import { bestThreshold } from "./logistic.ts";
import { type Estimator, type Labels, thresholded } from "./estimator.ts";

/** The embeddings of offers, one vector per offer in the same order. */
export type OfferVectors = (offers: Offer[]) => Float32Array[];

/**
 * A lookup of precomputed embeddings by offer (the same object, else an
 * offer with the same id); fails naming an offer it does not hold.
 *
 * @example
 * ```ts
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * declare const embeddings: any; // your data
 * const vectors = vectorTable(offers, embeddings);
 * vectors([offers[3]]); // [embeddings[3]]
 * ```
 */
export function vectorTable(offers: Offer[], embeddings: Float32Array[]): OfferVectors {
  if (offers.length !== embeddings.length) {
    throw new Error(`${offers.length} offers but ${embeddings.length} embeddings`);
  }
  const byObject = new Map(offers.map((o, i) => [o, embeddings[i]]));
  const byId = new Map(offers.map((o, i) => [o.id, embeddings[i]]));
  return (wanted) =>
    wanted.map((o) => {
      const v = byObject.get(o) ?? byId.get(o.id);
      if (!v) throw new Error(`no embedding for offer ${o.id}: embed it before asking the head`);
      return v;
    });
}

/** Hyper-parameters of {@link MlpHead}. */
export interface MlpHeadOptions {
  /** Hidden units. @default 64 */
  hidden?: number;
  /** Passes over the training offers. @default 60 */
  epochs?: number;
  /** @default 64 */
  batchSize?: number;
  /** @default 3e-3 */
  learningRate?: number;
  /** L2 penalty of both layers' kernels. @default 1e-4 */
  l2?: number;
  /** @default 0.1 */
  dropout?: number;
  /** Share of the training offers kept aside to tune the thresholds. @default 0.15 */
  validationShare?: number;
  /** @default 42 */
  seed?: number;
}

type HeadOptions = Required<MlpHeadOptions>;

function defaults(o: MlpHeadOptions): HeadOptions {
  const known: HeadOptions = {
    hidden: 64,
    epochs: 60,
    batchSize: 64,
    learningRate: 3e-3,
    l2: 1e-4,
    dropout: 0.1,
    validationShare: 0.15,
    seed: 42,
  };
  for (const key of Object.keys(known) as (keyof HeadOptions)[]) {
    if (o[key] !== undefined) known[key] = o[key] as never;
  }
  return known;
}

function matrix(X: Float32Array[]): tf.Tensor2D {
  const d = X[0].length;
  const flat = new Float32Array(X.length * d);
  X.forEach((x, i) => flat.set(x, i * d));
  return tf.tensor2d(flat, [X.length, d]);
}

function network(inputs: number, classes: number, o: HeadOptions): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [inputs],
        units: o.hidden,
        activation: "relu",
        kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed }),
        kernelRegularizer: tf.regularizers.l2({ l2: o.l2 }),
      }),
      tf.layers.dropout({ rate: o.dropout, seed: o.seed }),
      tf.layers.dense({
        units: classes,
        activation: "sigmoid",
        kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + 1 }),
        kernelRegularizer: tf.regularizers.l2({ l2: o.l2 }),
      }),
    ],
  });
}

/** A head on embeddings (see the module doc); fitted once `fit` has resolved. */
export class MlpHead implements Estimator<boolean[]> {
  readonly kind = "mlp-head";
  readonly options: HeadOptions;
  #model: tf.LayersModel | null = null;
  #thresholds: number[] = [];

  /** `vectors` gives the offers' embeddings; the rest are hyper-parameters. */
  constructor(readonly vectors: OfferVectors, options: MlpHeadOptions = {}) {
    this.options = defaults(options);
  }

  clone(): MlpHead {
    return new MlpHead(this.vectors, this.options);
  }

  /** Trains on offers and their label records (themes). */
  async fit(offers: Offer[], labels: Labels[]): Promise<this> {
    await tfReady();
    const o = this.options;
    const X = this.vectors(offers), Y = themeMatrix(labels);
    if (X.length < 10) throw new Error(`MlpHead: ${X.length} training offers; need at least 10`);
    const random = new Random(o.seed);
    const order = random.shuffle(X.map((_, i) => i));
    const nValidation = Math.max(1, Math.round(o.validationShare * X.length));
    const validation = order.slice(0, nValidation), train = order.slice(nValidation);
    const classes = Y[0].length;
    const model = network(X[0].length, classes, o);
    // Balanced binary cross-entropy: positives and negatives of each theme weigh the same in total.
    const positives = Array.from({ length: classes }, (_, c) => train.filter((i) => Y[i][c]).length);
    const wPos = tf.tensor1d(positives.map((p) => (p ? train.length / (2 * p) : 1)));
    const wNeg = tf.tensor1d(
      positives.map((p) => (p < train.length ? train.length / (2 * (train.length - p)) : 1)),
    );
    const loss = (yTrue: tf.Tensor, yPred: tf.Tensor) =>
      tf.tidy(() => {
        const p = yPred.clipByValue(1e-7, 1 - 1e-7);
        return yTrue.mul(p.log()).mul(wPos).add(tf.sub(1, yTrue).mul(tf.sub(1, p).log()).mul(wNeg)).neg()
          .mean();
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
    this.dispose();
    this.#model = model;
    this.#thresholds = new Array(classes).fill(0.5);
    const probabilities = this.#probabilities(validation.map((i) => X[i]));
    this.#thresholds = Array.from(
      { length: classes },
      (_, c) => bestThreshold(probabilities.map((p) => p[c]), validation.map((i) => Y[i][c])),
    );
    return this;
  }

  #probabilities(X: Float32Array[]): number[][] {
    if (!this.#model) throw new Error("this head is not fitted: call fit(offers, labels) first");
    if (!X.length) return [];
    return tf.tidy(() => (this.#model!.predict(matrix(X)) as tf.Tensor2D).arraySync());
  }

  /** The decision threshold of each theme. */
  get thresholds(): number[] {
    return this.#thresholds;
  }

  /** Probability of each theme for each offer. */
  predictProba(offers: Offer[]): number[][] {
    return this.#probabilities(this.vectors(offers));
  }

  decide(probabilities: number[][]): boolean[][] {
    return thresholded(probabilities, this.#thresholds);
  }

  /** Decisions with the tuned thresholds. */
  predict(offers: Offer[]): boolean[][] {
    return this.decide(this.predictProba(offers));
  }

  /** The layers' weights (shape and values, base64 of float32 bytes), the thresholds and the options. */
  toJSON() {
    if (!this.#model) throw new Error("this head is not fitted: call fit(offers, labels) first");
    const weights = this.#model.getWeights().map((w) => {
      return { shape: w.shape, data: toBase64(w.dataSync() as Float32Array) };
    });
    return { kind: this.kind, options: this.options, thresholds: this.#thresholds, weights };
  }

  /** Rebuilds a saved head; `vectors` must give the embeddings of the encoder it was trained on. */
  static async fromJSON(json: ReturnType<MlpHead["toJSON"]>, vectors: OfferVectors): Promise<MlpHead> {
    await tfReady();
    const head = new MlpHead(vectors, json.options);
    const [kernel] = json.weights;
    const classes = json.weights[json.weights.length - 1].shape[0];
    const model = network(kernel.shape[0], classes, head.options);
    model.setWeights(
      json.weights.map((w) => tf.tensor(new Float32Array(fromBase64(w.data).buffer), w.shape)),
    );
    head.#model = model;
    head.#thresholds = json.thresholds;
    return head;
  }

  /** Frees the network's tensors. */
  dispose() {
    this.#model?.dispose();
    this.#model = null;
  }
}
