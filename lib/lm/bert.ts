/**
 * A BERT encoder with its masked-language-model head, written with
 * TensorFlow.js ops so that gradients come from tfjs: embeddings (word +
 * learnt position) → layer norm → N × [multi-head self-attention → add & norm
 * → GELU feed-forward → add & norm] → MLM head (dense, GELU, norm, decoder
 * tied to the word embeddings). Parameters carry Hugging Face's BERT names;
 * matrices are stored [in, out]. The ONNX export (bert_onnx.ts) writes the
 * same computation, op for op.
 *
 * @example
 * ```ts
 * import { BertMlm, TINY_BERT } from "./bert.ts";
 * import { tfReady } from "./tf_backend.ts";
 * await tfReady();
 * const model = BertMlm.init({ ...TINY_BERT, vocabSize: 4000 }, 42);
 * const logits = model.logits([[2, 10, 4, 11, 3]]); // [1, 5, 4000]
 * ```
 */
import { tf } from "./tf_backend.ts";
import { Random } from "../base/mod.ts";

/** The architecture (Hugging Face config.json names in comments). */
export interface BertConfig {
  /** vocab_size */
  vocabSize: number;
  /** hidden_size */
  hiddenSize: number;
  /** num_hidden_layers */
  layers: number;
  /** num_attention_heads */
  heads: number;
  /** intermediate_size */
  intermediateSize: number;
  /** max_position_embeddings */
  maxPositions: number;
  /** layer_norm_eps */
  layerNormEps: number;
}

/** A tiny BERT (2 layers, 64 wide): trains in a minute on two cores; enough to learn the corpus's phrasing. */
export const TINY_BERT: Omit<BertConfig, "vocabSize"> = {
  hiddenSize: 64,
  layers: 2,
  heads: 2,
  intermediateSize: 256,
  maxPositions: 128,
  layerNormEps: 1e-12,
};

/** A small BERT (4 layers, 256 wide, like Google's BERT-Small): the `lm-train` command's default. */
export const SMALL_BERT: Omit<BertConfig, "vocabSize"> = {
  hiddenSize: 256,
  layers: 4,
  heads: 4,
  intermediateSize: 1024,
  maxPositions: 128,
  layerNormEps: 1e-12,
};

/** The Hugging Face config.json of a BERT masked-language model. */
export function hfConfig(c: BertConfig): Record<string, unknown> {
  return {
    architectures: ["BertForMaskedLM"],
    model_type: "bert",
    vocab_size: c.vocabSize,
    hidden_size: c.hiddenSize,
    num_hidden_layers: c.layers,
    num_attention_heads: c.heads,
    intermediate_size: c.intermediateSize,
    hidden_act: "gelu",
    max_position_embeddings: c.maxPositions,
    type_vocab_size: 1,
    layer_norm_eps: c.layerNormEps,
    pad_token_id: 0,
    hidden_dropout_prob: 0,
    attention_probs_dropout_prob: 0,
    initializer_range: 0.02,
  };
}

/** Parameter names and shapes, in a fixed order (the order of checkpoints). */
export function parameterShapes(c: BertConfig): [string, number[]][] {
  const H = c.hiddenSize, F = c.intermediateSize;
  const norm = (p: string): [string, number[]][] => [[`${p}.weight`, [H]], [`${p}.bias`, [H]]];
  const dense = (
    p: string,
    i: number,
    o: number,
  ): [string, number[]][] => [[`${p}.weight`, [i, o]], [`${p}.bias`, [o]]];
  const shapes: [string, number[]][] = [
    ["embeddings.word_embeddings.weight", [c.vocabSize, H]],
    ["embeddings.position_embeddings.weight", [c.maxPositions, H]],
    ...norm("embeddings.LayerNorm"),
  ];
  for (let l = 0; l < c.layers; l++) {
    const p = `encoder.layer.${l}`;
    shapes.push(
      ...dense(`${p}.attention.self.query`, H, H),
      ...dense(`${p}.attention.self.key`, H, H),
      ...dense(`${p}.attention.self.value`, H, H),
      ...dense(`${p}.attention.output.dense`, H, H),
      ...norm(`${p}.attention.output.LayerNorm`),
      ...dense(`${p}.intermediate.dense`, H, F),
      ...dense(`${p}.output.dense`, F, H),
      ...norm(`${p}.output.LayerNorm`),
    );
  }
  shapes.push(
    ...dense("cls.predictions.transform.dense", H, H),
    ...norm("cls.predictions.transform.LayerNorm"),
    [
      "cls.predictions.bias",
      [c.vocabSize],
    ],
  );
  return shapes;
}

/** Values of the parameters, by name. */
export type BertWeights = Map<string, Float32Array>;

/** BERT's initialisation: N(0, 0.02) matrices and embeddings, zero biases, unit norms (seeded). */
export function initWeights(c: BertConfig, seed: number): BertWeights {
  const random = new Random(seed);
  const weights: BertWeights = new Map();
  for (const [name, shape] of parameterShapes(c)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (name.endsWith("LayerNorm.weight")) values.fill(1);
    else if (shape.length === 2) { for (let i = 0; i < size; i++) values[i] = random.normal(0, 0.02); }
    weights.set(name, values);
  }
  return weights;
}

/** Gathers rows; its gradient scatters (sums) into the rows, with kernels the wasm backend has. */
// tfjs types customGrad's arguments as one variadic list; the casts below restore the real signatures.
type Grad2 = Parameters<typeof tf.customGrad>[0];

const gatherRows = tf.customGrad(
  ((table: tf.Tensor, indices: tf.Tensor, save: tf.GradSaveFunc) => {
    save([indices]);
    const shape = table.shape;
    return {
      value: tf.gather(table, indices as tf.Tensor1D),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => [
        tf.scatterND(saved[0].expandDims(1), dy as tf.Tensor, shape),
        tf.zerosLike(saved[0]),
      ],
    };
  }) as unknown as Grad2,
) as (table: tf.Tensor, indices: tf.Tensor) => tf.Tensor;

function swapLast(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  [perm[t.rank - 2], perm[t.rank - 1]] = [perm[t.rank - 1], perm[t.rank - 2]];
  return tf.transpose(t, perm);
}

/**
 * a·b with both gradients also computed as plain products of explicitly
 * transposed operands: the wasm backend's matMul with a transposed operand
 * is several times slower than a transpose followed by a plain matMul.
 */
const matMul = tf.customGrad(
  ((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], [sa, sb]: tf.Tensor[]) => [
        tf.matMul(dy as tf.Tensor, swapLast(sb)),
        tf.matMul(swapLast(sa), dy as tf.Tensor),
      ],
    };
  }) as unknown as Grad2,
) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** 0.5·x·(1 + erf(x/√2)), BERT's exact GELU. */
export function gelu(x: tf.Tensor): tf.Tensor {
  return x.mul(0.5).mul(tf.erf(x.mul(Math.SQRT1_2)).add(1));
}

function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).mul(tf.rsqrt(variance.add(eps))).mul(gamma).add(beta);
}

function dense(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const shape = x.shape as number[];
  const y = matMul(x.reshape([-1, shape[shape.length - 1]]), w).add(b);
  return y.reshape([...shape.slice(0, -1), w.shape[1] as number]);
}

/** Large negative added to the attention scores of padding (the same constant in the ONNX graph). */
export const MASK_BIAS = -10000;

/** A batch: token ids and attention mask (1 = real token), all rows the same length. */
export interface TokenBatch {
  ids: Int32Array;
  mask: Float32Array;
  batch: number;
  length: number;
}

/** Pads rows of ids (with 0 = [PAD]) into a batch. */
export function padBatch(rows: ArrayLike<number>[]): TokenBatch {
  const length = Math.max(...rows.map((r) => r.length));
  const ids = new Int32Array(rows.length * length);
  const mask = new Float32Array(rows.length * length);
  rows.forEach((r, i) => {
    for (let j = 0; j < r.length; j++) {
      ids[i * length + j] = r[j];
      mask[i * length + j] = 1;
    }
  });
  return { ids, mask, batch: rows.length, length };
}

/** The model: configuration + one tensor per parameter. */
export class BertMlm {
  constructor(readonly config: BertConfig, readonly params: Map<string, tf.Tensor>) {}

  /** A new model with BERT's seeded initialisation. */
  static init(config: BertConfig, seed: number): BertMlm {
    return BertMlm.fromWeights(config, initWeights(config, seed));
  }

  /** A model from parameter values (checked against the configuration's shapes). */
  static fromWeights(config: BertConfig, weights: BertWeights): BertMlm {
    const params = new Map<string, tf.Tensor>();
    for (const [name, shape] of parameterShapes(config)) {
      const values = weights.get(name);
      const size = shape.reduce((a, b) => a * b, 1);
      if (!values || values.length !== size) {
        throw new Error(`weights: "${name}" missing or not of shape [${shape}]`);
      }
      params.set(name, tf.tensor(values, shape, "float32"));
    }
    return new BertMlm(config, params);
  }

  /** The parameter values (copies). */
  weights(): BertWeights {
    return new Map([...this.params].map(([name, t]) => [name, t.dataSync() as Float32Array]));
  }

  /** Number of parameters. */
  get size(): number {
    return [...this.params.values()].reduce((a, t) => a + t.size, 0);
  }

  dispose() {
    for (const t of this.params.values()) t.dispose();
  }

  /** Hidden states [batch, length, hidden] (call inside tf.tidy). `p` overrides the parameters (for gradients). */
  encode(batch: TokenBatch, p: Map<string, tf.Tensor> = this.params): tf.Tensor3D {
    const c = this.config, H = c.hiddenSize, B = batch.batch, S = batch.length;
    const dh = H / c.heads;
    if (S > c.maxPositions) {
      throw new Error(`sequence of ${S} tokens is longer than max_position_embeddings = ${c.maxPositions}`);
    }
    const get = (name: string) => p.get(name)!;
    const ids = tf.tensor1d(batch.ids, "int32");
    const position = get("embeddings.position_embeddings.weight").slice([0, 0], [S, H]);
    let x = gatherRows(get("embeddings.word_embeddings.weight"), ids).reshape([B, S, H]).add(position);
    x = layerNorm(x, get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"), c.layerNormEps);
    const bias = tf.sub(1, tf.tensor2d(batch.mask, [B, S])).mul(MASK_BIAS).reshape([B, 1, 1, S]);
    const heads = (t: tf.Tensor) => t.reshape([B, S, c.heads, dh]).transpose([0, 2, 1, 3]);
    for (let l = 0; l < c.layers; l++) {
      const L = (name: string) => get(`encoder.layer.${l}.${name}`);
      const proj = (name: string) => heads(dense(x, L(`${name}.weight`), L(`${name}.bias`)));
      const q = proj("attention.self.query"),
        k = proj("attention.self.key"),
        v = proj("attention.self.value");
      const scores = matMul(q, swapLast(k)).mul(1 / Math.sqrt(dh)).add(bias);
      const context = matMul(tf.softmax(scores), v).transpose([0, 2, 1, 3]).reshape([B, S, H]);
      const attended = dense(context, L("attention.output.dense.weight"), L("attention.output.dense.bias"));
      x = layerNorm(
        x.add(attended),
        L("attention.output.LayerNorm.weight"),
        L("attention.output.LayerNorm.bias"),
        c.layerNormEps,
      );
      const inner = gelu(dense(x, L("intermediate.dense.weight"), L("intermediate.dense.bias")));
      const out = dense(inner, L("output.dense.weight"), L("output.dense.bias"));
      x = layerNorm(x.add(out), L("output.LayerNorm.weight"), L("output.LayerNorm.bias"), c.layerNormEps);
    }
    return x as tf.Tensor3D;
  }

  /** MLM logits [rows, vocab] of hidden states [rows, hidden]. */
  head(hidden: tf.Tensor, p: Map<string, tf.Tensor> = this.params): tf.Tensor2D {
    const get = (name: string) => p.get(name)!;
    const t = gelu(
      dense(
        hidden,
        get("cls.predictions.transform.dense.weight"),
        get("cls.predictions.transform.dense.bias"),
      ),
    );
    const normed = layerNorm(
      t,
      get("cls.predictions.transform.LayerNorm.weight"),
      get("cls.predictions.transform.LayerNorm.bias"),
      this.config.layerNormEps,
    );
    return matMul(normed, swapLast(get("embeddings.word_embeddings.weight"))).add(
      get("cls.predictions.bias"),
    ) as tf.Tensor2D;
  }

  /**
   * Mean cross-entropy of the MLM head at the masked positions (flat
   * indices into batch × length) against the original token ids.
   */
  mlmLoss(
    batch: TokenBatch,
    positions: Int32Array,
    labels: Int32Array,
    p: Map<string, tf.Tensor> = this.params,
  ): tf.Scalar {
    const hidden = this.encode(batch, p).reshape([batch.batch * batch.length, this.config.hiddenSize]);
    const picked = gatherRows(hidden, tf.tensor1d(positions, "int32"));
    const logp = tf.logSoftmax(this.head(picked, p));
    const target = tf.oneHot(tf.tensor1d(labels, "int32"), this.config.vocabSize);
    return logp.mul(target).sum().neg().div(positions.length) as tf.Scalar;
  }

  /** Logits [batch, length, vocab] of rows of token ids, as plain arrays (for checks and fill-mask). */
  logits(rows: number[][]): Float32Array {
    return tf.tidy(() => {
      const batch = padBatch(rows);
      const hidden = this.encode(batch).reshape([batch.batch * batch.length, this.config.hiddenSize]);
      return this.head(hidden).dataSync() as Float32Array;
    });
  }
}
