/**
 * Fine-tuning the project's pre-trained BERT on a classification task: the
 * encoder and a linear layer over its mean-pooled hidden states trained
 * together (AdamW, warm-up then linear decay, gradient clipping), each offer
 * read as its first `windows` segments of the pre-training length (the
 * length its position embeddings learnt), the segments' vectors averaged.
 * Classes are weighted by inverse frequency, so that a rare class counts as
 * much as a common one. Seeded: the same offers, labels and options give the
 * same model.
 *
 * @example
 * ```ts
 * import { FineTunedEncoder } from "./fine_tune.ts";
 * declare const lmDir: any; // your data
 * declare const trainOffers: any; // your data
 * declare const trainClasses: any; // your data
 * declare const testOffers: any; // your data
 * const model = await new FineTunedEncoder(lmDir, { epochs: 4 }).fit(trainOffers, trainClasses, 4);
 * model.predictProba(testOffers); // one row of 4 class probabilities per offer
 * model.dispose();
 * ```
 */
import { tf, tfReady } from "./tf_backend.ts";
import { type BertConfig, BertMlm, padBatch } from "./bert.ts";
import { AdamW, warmupLinear } from "./adamw.ts";
import { type LmTrainRecord, segmentTokens, trainedLength } from "./train_lm.ts";
import { readSafetensors, withPrefix } from "./safetensors.ts";
import { loadTokenizer } from "../represent/mod.ts";
import { Random, seedOf, withDefaults } from "../base/mod.ts";

/** Hyper-parameters of {@link FineTunedEncoder}. */
export interface FineTuneOptions {
  /** Passes over the training offers. @default 4 */
  epochs?: number;
  /** Offers per step. @default 16 */
  batchSize?: number;
  /** Peak learning rate (reached after 10 % of the steps). @default 1e-3 */
  learningRate?: number;
  /** Segments read from the start of each offer. @default 4 */
  windows?: number;
  seed?: number;
}

/** The text the encoder reads of an offer. */
type TextOf = { text: string };

/** A pre-trained encoder of the project (a folder written by trainLanguageModel) fine-tuned on classes. */
export class FineTunedEncoder {
  readonly kind = "fine-tuned-encoder";
  readonly options: Required<FineTuneOptions>;
  #model: BertMlm | null = null;
  #classifier: Map<string, tf.Tensor> | null = null;
  #tokenize: ((text: string) => number[]) | null = null;
  /** Tokens a segment holds: the pre-training length. */
  #maxLength = 32;
  /** Training loss of each step, once fitted. */
  losses: number[] = [];

  /** `dir` is a folder written by trainLanguageModel (training.json and its last checkpoint). */
  constructor(readonly dir: string, options: FineTuneOptions = {}) {
    this.options = withDefaults<Required<FineTuneOptions>>({
      epochs: 4,
      batchSize: 16,
      learningRate: 1e-3,
      windows: 4,
      seed: 42,
    }, options);
  }

  /** Fits on offers and their class indices (0 … classes - 1); resolves to the fitted model. */
  async fit(offers: TextOf[], classes: number[], classCount: number): Promise<this> {
    if (offers.length !== classes.length) {
      throw new Error(`${offers.length} offers but ${classes.length} classes`);
    }
    const bad = classes.findIndex((c) => !Number.isInteger(c) || c < 0 || c >= classCount);
    if (bad >= 0) throw new Error(`offer ${bad}: class ${classes[bad]} is not in 0 … ${classCount - 1}`);
    await tfReady();
    this.dispose();
    const record = JSON.parse(await Deno.readTextFile(`${this.dir}/training.json`)) as LmTrainRecord;
    if (!record.complete) throw new Error(`${this.dir}: the language model's training is not complete`);
    const weights = withPrefix(
      (await readSafetensors(`${this.dir}/checkpoint/state.safetensors`)).tensors,
      "param.",
    );
    const config: BertConfig = record.config;
    const tokenizer = await loadTokenizer(this.dir);
    const { maxLength: short, longPhaseShare, longLength } = record.options; // records written before the long phase lack its fields
    this.#maxLength = trainedLength({
      maxLength: short,
      longPhaseShare: longPhaseShare ?? 0,
      longLength: longLength ?? 128,
    });
    this.#tokenize = (text) => tokenizer.encode(text, { add_special_tokens: false }) as number[];
    this.#model = BertMlm.fromWeights(config, weights);
    const o = this.options, random = new Random(seedOf(o.seed, 5));
    const H = config.hiddenSize;
    const init = Float32Array.from({ length: H * classCount }, () => (random.next() * 2 - 1) * 0.02);
    this.#classifier = new Map([["classifier.weight", tf.tensor2d(init, [H, classCount])], [
      "classifier.bias",
      tf.zeros([classCount]),
    ]]);
    // the MLM head plays no part in classification: it is kept as it was, not trained
    const params = new Map([
      ...[...this.#model.params].filter(([n]) => !n.startsWith("cls.")),
      ...this.#classifier,
    ]);
    const segments = offers.map((offer) => this.#segments(offer.text));
    const counts = Array.from({ length: classCount }, (_, c) => classes.filter((x) => x === c).length);
    const classWeight = counts.map((n) => (n ? offers.length / (classCount * n) : 0));
    const optimiser = new AdamW(params, { weightDecay: 0.01 });
    const perEpoch = Math.ceil(offers.length / o.batchSize), total = perEpoch * o.epochs;
    const warmup = Math.max(1, Math.round(0.1 * total));
    this.losses = [];
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const order = new Random(seedOf(o.seed, epoch)).shuffle(offers.map((_, i) => i));
      for (let k = 0; k < perEpoch; k++) {
        const batch = order.slice(k * o.batchSize, (k + 1) * o.batchSize);
        const step = epoch * perEpoch + k;
        const target = tf.oneHot(tf.tensor1d(batch.map((i) => classes[i]), "int32"), classCount);
        const weight = tf.tensor1d(batch.map((i) => classWeight[classes[i]]));
        const r = optimiser.step((p) => {
          const logp = tf.logSoftmax(this.#logits(batch.map((i) => segments[i]), p));
          return logp.mul(target).sum(1).mul(weight).sum().neg().div(weight.sum()) as tf.Scalar;
        }, warmupLinear(step, o.learningRate, warmup, total));
        target.dispose();
        weight.dispose();
        this.losses.push(r.loss);
      }
    }
    // the optimiser replaced the tensors: keep its current ones
    const mlmHead = [...this.#model.params].filter(([n]) => n.startsWith("cls."));
    this.#model = new BertMlm(
      config,
      new Map([...[...params].filter(([n]) => !n.startsWith("classifier.")), ...mlmHead]),
    );
    this.#classifier = new Map([...params].filter(([n]) => n.startsWith("classifier.")));
    optimiser.dispose();
    return this;
  }

  /** The first `windows` segments of a text. */
  #segments(text: string): number[][] {
    const segments = segmentTokens(this.#tokenize!(text), this.#maxLength).slice(0, this.options.windows);
    return segments.length ? segments : [segmentTokens([1], this.#maxLength)[0]];
  }

  /** Class logits [offers, classes] of offers given as their segments (call inside a tidy or a gradient). */
  #logits(offers: number[][][], p: Map<string, tf.Tensor>): tf.Tensor2D {
    const rows = offers.flat();
    const batch = padBatch(rows);
    const hidden = this.#model!.encode(batch, p);
    const mask = tf.tensor2d(batch.mask, [batch.batch, batch.length]).expandDims(2);
    const pooled = hidden.mul(mask).sum(1).div(mask.sum(1)); // [segments, hidden]
    // each offer: the mean of its segments' vectors
    const share = new Float32Array(offers.length * rows.length);
    let r = 0;
    offers.forEach((segments, i) =>
      segments.forEach(() => (share[i * rows.length + r++] = 1 / segments.length))
    );
    const perOffer = tf.matMul(tf.tensor2d(share, [offers.length, rows.length]), pooled as tf.Tensor2D);
    return perOffer.matMul(p.get("classifier.weight")! as tf.Tensor2D).add(
      p.get("classifier.bias")!,
    ) as tf.Tensor2D;
  }

  /** Class probabilities of offers. */
  predictProba(offers: TextOf[]): number[][] {
    if (!this.#model || !this.#classifier) {
      throw new Error("this fine-tuned encoder is not fitted: call fit(offers, classes, classCount) first");
    }
    const params = new Map([...this.#model.params, ...this.#classifier]);
    const out: number[][] = [];
    for (let i = 0; i < offers.length; i += 32) {
      const segments = offers.slice(i, i + 32).map((offer) => this.#segments(offer.text));
      const values = tf.tidy(() => tf.softmax(this.#logits(segments, params)).arraySync() as number[][]);
      out.push(...values);
    }
    return out;
  }

  /** The most probable class of each offer. */
  predict(offers: TextOf[]): number[] {
    return this.predictProba(offers).map((p) => p.indexOf(Math.max(...p)));
  }

  dispose() {
    this.#model?.dispose();
    for (const t of this.#classifier?.values() ?? []) t.dispose();
    this.#model = null;
    this.#classifier = null;
  }
}
