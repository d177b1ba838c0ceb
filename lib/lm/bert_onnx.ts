/**
 * The ONNX graph of {@link BertMlm}, op for op: inputs `input_ids` and
 * `attention_mask` [batch, sequence] (int64), outputs `last_hidden_state`
 * [batch, sequence, hidden] (what transformers.js's feature-extraction reads)
 * and `logits` [batch, sequence, vocab] (what its fill-mask reads).
 *
 * @example
 * ```ts
 * import { bertOnnx } from "./bert_onnx.ts";
 * import type { BertMlm } from "./bert.ts";
 * declare const model: BertMlm;
 * await Deno.writeFile("onnx/model.onnx", bertOnnx(model.config, model.weights()));
 * ```
 */
import { type BertConfig, type BertWeights, MASK_BIAS, parameterShapes } from "./bert.ts";
import { float, OnnxGraph } from "./onnx.ts";

/** Serialised ONNX model (opset 17) of a BERT with its MLM head. */
export function bertOnnx(config: BertConfig, weights: BertWeights): Uint8Array {
  const g = new OnnxGraph();
  const c = config, H = c.hiddenSize, dh = H / c.heads;
  const shapes = new Map(parameterShapes(c));
  const added = new Map<string, string>();
  const param = (name: string) => {
    const values = weights.get(name);
    if (!values) throw new Error(`ONNX export: parameter "${name}" missing`);
    if (!added.has(name)) added.set(name, g.constant(name, values, shapes.get(name)!));
    return added.get(name)!;
  };
  const scalar = (name: string, v: number) => g.constant(name, Float32Array.of(v), []);
  const ints = (name: string, v: number[]) => g.constant(name, v, [v.length]);

  const ids = g.input("input_ids", "int64", ["batch_size", "sequence_length"]);
  const mask = g.input("attention_mask", "int64", ["batch_size", "sequence_length"]);
  const one = scalar("one", 1), half = scalar("half", 0.5), invSqrt2 = scalar("inv_sqrt2", Math.SQRT1_2);

  const layerNorm = (x: string, prefix: string) =>
    g.node("LayerNormalization", [x, param(`${prefix}.weight`), param(`${prefix}.bias`)], {
      axis: -1,
      epsilon: float(c.layerNormEps),
    }, "ln");
  const dense = (x: string, prefix: string) =>
    g.node("Add", [g.node("MatMul", [x, param(`${prefix}.weight`)]), param(`${prefix}.bias`)], {}, "dense");
  const gelu = (x: string) => {
    const erf = g.node("Erf", [g.node("Mul", [x, invSqrt2])]);
    return g.node("Mul", [g.node("Mul", [x, half]), g.node("Add", [erf, one])], {}, "gelu");
  };

  // Embeddings: words + positions 0..S-1.
  const length = g.node("Shape", [ids], { start: 1, end: 2 }, "seq_len");
  const positions = g.node(
    "Slice",
    [param("embeddings.position_embeddings.weight"), ints("zero", [0]), length, ints("axis0", [0])],
    {},
    "positions",
  );
  const words = g.node("Gather", [param("embeddings.word_embeddings.weight"), ids], { axis: 0 }, "words");
  let x = layerNorm(g.node("Add", [words, positions]), "embeddings.LayerNorm");

  // Attention bias: (1 - mask) · MASK_BIAS, shaped [B, 1, 1, S].
  const maskFloat = g.node("Cast", [mask], { to: 1 });
  const bias = g.node(
    "Unsqueeze",
    [
      g.node("Mul", [g.node("Sub", [one, maskFloat]), scalar("mask_bias", MASK_BIAS)]),
      ints("axes12", [1, 2]),
    ],
    {},
    "attention_bias",
  );
  const splitHeads = ints("split_heads", [0, 0, c.heads, dh]);
  const mergeHeads = ints("merge_heads", [0, 0, H]);
  const heads = (t: string) =>
    g.node("Transpose", [g.node("Reshape", [t, splitHeads])], { perm: [0, 2, 1, 3] });
  const scale = scalar("attention_scale", 1 / Math.sqrt(dh));

  for (let l = 0; l < c.layers; l++) {
    const p = `encoder.layer.${l}`;
    const q = heads(dense(x, `${p}.attention.self.query`));
    const k = heads(dense(x, `${p}.attention.self.key`));
    const v = heads(dense(x, `${p}.attention.self.value`));
    const kT = g.node("Transpose", [k], { perm: [0, 1, 3, 2] });
    const scores = g.node("Add", [g.node("Mul", [g.node("MatMul", [q, kT]), scale]), bias], {}, "scores");
    const probs = g.node("Softmax", [scores], { axis: -1 });
    const context = g.node("Reshape", [
      g.node("Transpose", [g.node("MatMul", [probs, v])], { perm: [0, 2, 1, 3] }),
      mergeHeads,
    ]);
    x = layerNorm(
      g.node("Add", [x, dense(context, `${p}.attention.output.dense`)]),
      `${p}.attention.output.LayerNorm`,
    );
    const inner = gelu(dense(x, `${p}.intermediate.dense`));
    x = layerNorm(g.node("Add", [x, dense(inner, `${p}.output.dense`)]), `${p}.output.LayerNorm`);
  }
  const hidden = g.node("Identity", [x], {}, "last_hidden_state");
  g.output(hidden, "float", ["batch_size", "sequence_length", H]);

  const transformed = layerNorm(
    gelu(dense(hidden, "cls.predictions.transform.dense")),
    "cls.predictions.transform.LayerNorm",
  );
  const decoder = g.node(
    "Transpose",
    [param("embeddings.word_embeddings.weight")],
    { perm: [1, 0] },
    "decoder",
  );
  const logits = g.node(
    "Add",
    [g.node("MatMul", [transformed, decoder]), param("cls.predictions.bias")],
    {},
    "logits",
  );
  g.output(logits, "float", ["batch_size", "sequence_length", c.vocabSize]);
  return g.toModel("bert_mlm");
}
