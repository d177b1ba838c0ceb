import assert, { deepStrictEqual, equal as assertEquals } from "node:assert/strict";
import { type BertConfig, BertMlm, padBatch } from "../../lib/lm/bert.ts";
import { tf, tfReady } from "../../lib/lm/tf_backend.ts";
import { exportHuggingFace } from "../../lib/lm/hf_export.ts";
import { learnWordPiece } from "../../lib/lm/wordpiece.ts";
import { lmFingerprint, trainedLength, trainLanguageModel } from "../../lib/lm/train_lm.ts";
import { decodeSafetensors, encodeSafetensors } from "../../lib/lm/safetensors.ts";
import { loadEncoderModel, loadMaskedLm, loadTokenizer } from "../../lib/represent/transformers.ts";
import { pipeline } from "@huggingface/transformers";
import { fillMask, pseudoPerplexity } from "../../lib/lm/lm_quality.ts";
import { tempDir } from "../_helpers.ts";

const SMALL: Omit<BertConfig, "vocabSize"> = {
  hiddenSize: 16,
  layers: 2,
  heads: 2,
  intermediateSize: 32,
  maxPositions: 32,
  layerNormEps: 1e-12,
};
const TEXTS = [
  "le chat mange la souris",
  "le chien mange la viande",
  "vous êtes dynamique et autonome",
  "la souris mange le fromage",
];

Deno.test("the exported ONNX model, loaded by transformers.js, gives the training code's logits and hidden states", async () => {
  await tfReady();
  const dir = await tempDir();
  const vocab = learnWordPiece(TEXTS, { vocabSize: 80, minFrequency: 1, minCharFrequency: 1 });
  const model = BertMlm.init({ ...SMALL, vocabSize: vocab.length }, 7);
  await exportHuggingFace(dir, model, vocab, { maxLength: 32 });
  const tokenizer = await loadTokenizer(dir);
  const inputs = tokenizer(["le chat mange", "vous êtes [MASK] et autonome"], { padding: true });
  const rows = (inputs.input_ids.tolist() as bigint[][]).map((r, i) =>
    r.map(Number).filter((_, j) => Number((inputs.attention_mask.tolist() as bigint[][])[i][j]) === 1)
  );
  const mlm = await loadMaskedLm(dir);
  const { logits } = await mlm(inputs);
  const S = logits.dims[1], V = vocab.length;
  const expected = model.logits(rows);
  let worst = 0;
  rows.forEach((r, i) =>
    r.forEach((_, j) => {
      for (let v = 0; v < V; v++) {
        worst = Math.max(worst, Math.abs(logits.data[(i * S + j) * V + v] - expected[(i * S + j) * V + v]));
      }
    })
  );
  assert(worst < 1e-4, `largest logit difference ${worst}`);
  const encoder = await loadEncoderModel(dir);
  const { last_hidden_state } = await encoder(inputs);
  const hidden = tf.tidy(() => model.encode(padBatch(rows)).dataSync());
  const H = SMALL.hiddenSize;
  let worstHidden = 0;
  rows.forEach((r, i) =>
    r.forEach((_, j) => {
      for (let h = 0; h < H; h++) {
        worstHidden = Math.max(
          worstHidden,
          Math.abs(last_hidden_state.data[(i * S + j) * H + h] - hidden[(i * S + j) * H + h]),
        );
      }
    })
  );
  assert(worstHidden < 1e-4, `largest hidden-state difference ${worstHidden}`);
  model.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("gradients (custom gather and matMul included) match finite differences", async () => {
  await tfReady();
  const model = BertMlm.init({ ...SMALL, vocabSize: 12, hiddenSize: 8, intermediateSize: 16 }, 3);
  const batch = padBatch([[2, 6, 7, 8, 3], [2, 9, 10, 3]]);
  const positions = Int32Array.of(1, 2, 6), labels = Int32Array.of(6, 7, 9);
  const names = [...model.params.keys()];
  const lossOf = (p: Map<string, tf.Tensor>) => model.mlmLoss(batch, positions, labels, p);
  const grads = tf.grads((...ts: tf.Tensor[]) => lossOf(new Map(names.map((n, i) => [n, ts[i]]))))(
    names.map((n) => model.params.get(n)!),
  );
  const checks: [string, number][] = [
    ["embeddings.word_embeddings.weight", 6 * 8 + 2], // a row both gathered and used by the tied decoder
    ["encoder.layer.0.attention.self.query.weight", 5],
    ["encoder.layer.1.intermediate.dense.weight", 17],
    ["cls.predictions.bias", 9],
  ];
  for (const [name, index] of checks) {
    const base = model.params.get(name)!.dataSync() as Float32Array;
    const at = (delta: number) => {
      const values = base.slice();
      values[index] += delta;
      const p = new Map(model.params);
      p.set(name, tf.tensor(values, model.params.get(name)!.shape));
      return tf.tidy(() => lossOf(p).dataSync()[0]);
    };
    const eps = 1e-3;
    const numeric = (at(eps) - at(-eps)) / (2 * eps);
    const analytic = grads[names.indexOf(name)].dataSync()[index];
    assert(
      Math.abs(numeric - analytic) <= 0.05 * Math.abs(analytic) + 1e-3,
      `${name}[${index}]: analytic ${analytic}, numeric ${numeric}`,
    );
  }
  model.dispose();
});

Deno.test("safetensors round trip keeps names, shapes, values and metadata; a truncated file is refused", () => {
  const tensors = new Map([["a.weight", { shape: [2, 3], values: Float32Array.of(1, 2, 3, 4, 5, 6.5) }], [
    "b",
    { shape: [1], values: Float32Array.of(-1) },
  ]]);
  const bytes = encodeSafetensors(tensors, { step: "7" });
  const back = decodeSafetensors(bytes);
  deepStrictEqual([...back.tensors.keys()], ["a.weight", "b"]);
  deepStrictEqual(back.tensors.get("a.weight"), tensors.get("a.weight"));
  assertEquals(back.metadata.step, "7");
  let message = "";
  try {
    decodeSafetensors(bytes.subarray(0, bytes.length - 4), "ckpt.safetensors");
  } catch (e) {
    message = (e as Error).message;
  }
  assert(/ckpt\.safetensors: tensor "b" runs past the end/.test(message), message);
});

/** Offers where the word after "très" is always "rigoureux": a model that learnt anything predicts it. */
function certainCorpus(): string[] {
  const names = ["paul", "marie", "luc", "anne", "jean", "sophie", "marc", "julie"];
  const jobs = ["comptable", "vendeur", "cuisinier", "technicien", "infirmier", "chauffeur"];
  return names.flatMap((n) => jobs.map((j) => `${n} est ${j} et très rigoureux au travail`));
}

Deno.test("pre-training learns a certain word (fill-mask through transformers.js), and a killed run resumes to the very same model", async () => {
  const dir = await tempDir();
  const options = {
    vocabSize: 120,
    maxLength: 16,
    batchSize: 16,
    steps: 200,
    learningRate: 3e-3,
    checkpointEvery: 80,
    heldOutShare: 0.1,
    seed: 5,
  };
  const straight = await trainLanguageModel(certainCorpus(), `${dir}/straight`, options);
  assert(
    straight.evals[straight.evals.length - 1].heldOutLoss < straight.evals[0].heldOutLoss / 3,
    JSON.stringify(straight.evals),
  );
  const fill = await pipeline("fill-mask", `${dir}/straight`);
  const best = (await fill("anne est vendeur et très [MASK] au travail", { top_k: 1 }))[0];
  assertEquals(best.token_str, "rigoureux");
  assert(best.score > 0.5, `score ${best.score}`);
  const [row] = await fillMask(`${dir}/straight`, ["marc est cuisinier et très [MASK] au travail"], 3);
  assertEquals(row.predictions[0].token, "rigoureux");
  const sample = certainCorpus().slice(0, 6);
  const trained = await pseudoPerplexity(`${dir}/straight`, sample);
  const untrained = await pseudoPerplexity(`${dir}/straight/untrained`, sample);
  assertEquals(trained.tokens, untrained.tokens);
  assert(
    trained.pppl < untrained.pppl / 3,
    `pseudo-perplexity ${trained.pppl} trained vs ${untrained.pppl} untrained`,
  );

  let killed = false;
  try {
    await trainLanguageModel(certainCorpus(), `${dir}/resumed`, options, (done) => {
      if (done === 90) throw new Error("killed");
    });
  } catch (e) {
    killed = (e as Error).message === "killed";
  }
  assert(killed);
  const resumed = await trainLanguageModel(certainCorpus(), `${dir}/resumed`, options);
  assertEquals(resumed.resumedFrom, 80);
  deepStrictEqual(resumed.history.map((h) => h.loss), straight.history.map((h) => h.loss));
  deepStrictEqual(
    await Deno.readFile(`${dir}/resumed/onnx/model.onnx`),
    await Deno.readFile(`${dir}/straight/onnx/model.onnx`),
  );
  const again = await trainLanguageModel(certainCorpus(), `${dir}/straight`, options);
  assertEquals(again.seconds, straight.seconds, "a finished folder with the same data and options is reused");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a long second phase trains on longer segments and exports a model that reads them; unused later options leave the fingerprint as it was", async () => {
  const dir = await tempDir();
  const options = { vocabSize: 120, maxLength: 16, batchSize: 8, steps: 20, learningRate: 3e-3, seed: 5 };
  const texts = certainCorpus().map((t, i) => `${t} et ${certainCorpus()[(i + 7) % 48]}`);
  const record = await trainLanguageModel(texts, dir, { ...options, longPhaseShare: 0.25, longLength: 32 });
  assertEquals(record.history.length, 20);
  assertEquals(trainedLength(record.options), 32);
  const short = await trainLanguageModel(texts, `${dir}/short`, options);
  deepStrictEqual(
    record.history.slice(0, 15).map((h) => h.loss),
    short.history.slice(0, 15).map((h) => h.loss),
    "the same first phase",
  );
  assert(
    record.history.slice(15).every((h, k) => h.loss !== short.history[15 + k].loss),
    "the last quarter on other (longer) segments",
  );
  const config = JSON.parse(await Deno.readTextFile(`${dir}/tokenizer_config.json`));
  assertEquals(config.model_max_length, 32, "the exported tokenizer reads the long phase's windows");
  assertEquals(
    lmFingerprint(texts, { ...options, longPhaseShare: 0, wholeWordMasking: false }),
    lmFingerprint(texts, options),
  );
  assert(lmFingerprint(texts, { ...options, wholeWordMasking: true }) !== lmFingerprint(texts, options));
  assert(
    lmFingerprint(texts, { ...options, longPhaseShare: 0.25, longLength: 32 }) !==
      lmFingerprint(texts, options),
  );
  await Deno.remove(dir, { recursive: true });
});
