/**
 * Masked-language-model pre-training of a small BERT on the offers: learn a
 * WordPiece vocabulary, cut the tokenised offers into segments, train with
 * AdamW (warm-up then linear decay, clipping), measure the loss on held-out
 * offers as it goes, checkpoint regularly (a killed run resumes where the
 * last checkpoint left it, with the same batches and masks), and export the
 * model in Hugging Face layout (and its untrained initialisation in
 * untrained/, the baseline of evaluations). A finished folder with the same data and
 * options is reused as is.
 *
 * @example
 * ```ts
 * import { trainLanguageModel } from "./train_lm.ts";
 * declare const texts: string[];
 * const run = await trainLanguageModel(texts, "data/models/lm/tiny", { arch: "tiny", steps: 300 });
 * run.evals; // held-out loss by step
 * ```
 */
import { type BertConfig, BertMlm, SMALL_BERT, TINY_BERT } from "./bert.ts";
import { continuationFlags, maskBatch, type MaskedBatch } from "./masking.ts";
import { AdamW, warmupLinear } from "./adamw.ts";
import { CLS_ID, learnWordPiece, SEP_ID, tokenizerFiles } from "./wordpiece.ts";
import { exportHuggingFace } from "./hf_export.ts";
import { type NamedTensor, readSafetensors, withPrefix, writeSafetensors } from "./safetensors.ts";
import { tf, tfReady } from "./tf_backend.ts";
import { loadTokenizer } from "../represent/mod.ts";
import { fnv1a, Random, seedOf, writeAtomically } from "../base/mod.ts";

/** Options of a pre-training run. */
export interface LmTrainOptions {
  /** "tiny" (2 × 64) or "small" (4 × 256). @default "tiny" */
  arch?: "tiny" | "small";
  /** WordPiece vocabulary size. @default 6000 */
  vocabSize?: number;
  /** Segment length in tokens, [CLS] and [SEP] included. @default 64 */
  maxLength?: number;
  /** Segments per step. @default 32 */
  batchSize?: number;
  /** Optimisation steps. @default 300 */
  steps?: number;
  /** Peak learning rate. @default 1e-3 (tiny), 5e-4 (small) */
  learningRate?: number;
  /** Share of the steps spent warming up. @default 0.06 */
  warmupShare?: number;
  /** AdamW weight decay. @default 0.01 */
  weightDecay?: number;
  /** Share of the offers held out to measure the loss. @default 0.05 */
  heldOutShare?: number;
  /** Held-out loss every this many steps. @default steps / 15 */
  evalEvery?: number;
  /** Checkpoint every this many steps. @default 50 */
  checkpointEvery?: number;
  /** Mask whole words (a word and its "##" pieces together) rather than single tokens. @default false */
  wholeWordMasking?: boolean;
  /** Share of the steps, at the end, trained on longer segments (`longLength` tokens, as many tokens a step). @default 0 */
  longPhaseShare?: number;
  /** Segment length of the long phase; the exported model reads windows of this length. @default 128 */
  longLength?: number;
  seed?: number;
}

/** What a run records (also saved as training.json in the model folder). */
export interface LmTrainRecord {
  options: Required<LmTrainOptions>;
  config: BertConfig;
  fingerprint: string;
  parameters: number;
  trainSegments: number;
  heldOutSegments: number;
  /** Training loss and learning rate at every step. */
  history: { step: number; loss: number; learningRate: number; gradNorm: number }[];
  /** Held-out MLM loss (mean cross-entropy at masked positions), at step 0 (untrained) and every evalEvery steps. */
  evals: { step: number; heldOutLoss: number }[];
  /** Seconds spent training (summed over resumed sessions). */
  seconds: number;
  /** Steps done when this session started (0 for a fresh run). */
  resumedFrom: number;
  /** Offer indices held out (for evaluations that must not see training text). */
  heldOut: number[];
  complete: boolean;
}

function defaults(o: LmTrainOptions): Required<LmTrainOptions> {
  const steps = o.steps ?? 300;
  const arch = o.arch ?? "tiny";
  return {
    arch,
    vocabSize: o.vocabSize ?? 6000,
    maxLength: o.maxLength ?? 64,
    batchSize: o.batchSize ?? 32,
    steps,
    learningRate: o.learningRate ?? (arch === "tiny" ? 1e-3 : 5e-4),
    warmupShare: o.warmupShare ?? 0.06,
    weightDecay: o.weightDecay ?? 0.01,
    heldOutShare: o.heldOutShare ?? 0.05,
    evalEvery: o.evalEvery ?? Math.max(1, Math.round(steps / 15)),
    checkpointEvery: o.checkpointEvery ?? 50,
    wholeWordMasking: o.wholeWordMasking ?? false,
    longPhaseShare: o.longPhaseShare ?? 0,
    longLength: o.longLength ?? 128,
    seed: o.seed ?? 42,
  };
}

/** The segment length a trained model reads: the long phase's when it had one. */
export function trainedLength(
  o: Pick<Required<LmTrainOptions>, "maxLength" | "longPhaseShare" | "longLength">,
): number {
  return o.longPhaseShare > 0 ? o.longLength : o.maxLength;
}

/** Cuts token ids into [CLS] … [SEP] segments of at most maxLength tokens (pieces under 8 tokens dropped). */
export function segmentTokens(ids: number[], maxLength: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += maxLength - 2) {
    const piece = ids.slice(i, i + maxLength - 2);
    if (piece.length >= 8 || (i === 0 && piece.length > 0)) out.push([CLS_ID, ...piece, SEP_ID]);
  }
  return out;
}

/** The batch of step `step`: epochs are seeded permutations of the segments, so a resumed run sees the same batches. */
export function batchAt(segmentCount: number, batchSize: number, step: number, seed: number): number[] {
  const perEpoch = Math.max(1, Math.floor(segmentCount / batchSize));
  const epoch = Math.floor(step / perEpoch), k = step % perEpoch;
  const order = new Random(seedOf(seed, epoch)).shuffle(Array.from({ length: segmentCount }, (_, i) => i));
  return order.slice(k * batchSize, Math.min(segmentCount, (k + 1) * batchSize));
}

/** Identifies a run: the texts and the options (defaults filled in). */
export function lmFingerprint(texts: string[], options: LmTrainOptions): string {
  const { wholeWordMasking, longPhaseShare, longLength, ...before } = defaults(options);
  // options added later enter the fingerprint only when used, so that folders trained before them stay valid
  const later = {
    ...(wholeWordMasking ? { wholeWordMasking } : {}),
    ...(longPhaseShare > 0 ? { longPhaseShare, longLength } : {}),
  };
  let h = fnv1a(JSON.stringify({ ...before, ...later }));
  for (const t of texts) h = fnv1a(t, h);
  return `${texts.length}-${(h >>> 0).toString(16)}`;
}

async function readRecord(path: string): Promise<LmTrainRecord | null> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch {
    return null;
  }
}

function heldOutLoss(model: BertMlm, masked: MaskedBatch[]): number {
  let total = 0, count = 0;
  for (const m of masked) {
    total += tf.tidy(() => model.mlmLoss(m.batch, m.positions, m.labels).dataSync()[0]) * m.positions.length;
    count += m.positions.length;
  }
  return total / count;
}

/** Tokenises texts with the folder's tokenizer (as transformers.js will at inference), without special tokens. */
async function tokenise(dir: string, texts: string[]): Promise<number[][]> {
  const tokenizer = await loadTokenizer(dir);
  return texts.map((t) => tokenizer.encode(t, { add_special_tokens: false }) as number[]);
}

/**
 * Trains (or resumes, or reuses) the model of `dir` on `texts`; `progress`
 * is called after every step with (done, total).
 */
export async function trainLanguageModel(
  texts: string[],
  dir: string,
  options: LmTrainOptions = {},
  progress?: (done: number, total: number) => void,
): Promise<LmTrainRecord> {
  const o = defaults(options);
  const fingerprint = lmFingerprint(texts, o);
  const recordPath = `${dir}/training.json`;
  const previous = await readRecord(recordPath);
  if (previous?.complete && previous.fingerprint === fingerprint) return previous;
  if (previous && previous.fingerprint !== fingerprint) {
    throw new Error(
      `${dir} holds a model trained on other data or options (fingerprint ${previous.fingerprint}, now ${fingerprint}); choose another folder or remove it`,
    );
  }
  await tfReady();
  await Deno.mkdir(`${dir}/checkpoint`, { recursive: true });

  // Held-out offers, vocabulary (learnt on the training offers only) and segments.
  const order = new Random(seedOf(o.seed, 7)).shuffle(texts.map((_, i) => i));
  const heldOut = order.slice(0, Math.max(1, Math.round(o.heldOutShare * texts.length))).sort((a, b) =>
    a - b
  );
  const isHeldOut = new Set(heldOut);
  const vocabPath = `${dir}/vocab.txt`;
  let vocab: string[];
  if (previous) vocab = (await Deno.readTextFile(vocabPath)).split("\n").filter((t) => t !== "");
  else {
    vocab = learnWordPiece(texts.filter((_, i) => !isHeldOut.has(i)), { vocabSize: o.vocabSize });
    for (const [name, content] of Object.entries(tokenizerFiles(vocab, { maxLength: o.maxLength }))) {
      await writeAtomically(`${dir}/${name}`, (tmp) => Deno.writeTextFile(tmp, content));
    }
  }
  const continuation = o.wholeWordMasking ? continuationFlags(vocab) : undefined;
  const tokens = await tokenise(dir, texts);
  const train: number[][] = [], held: number[][] = [];
  tokens.forEach((ids, i) => (isHeldOut.has(i) ? held : train).push(...segmentTokens(ids, o.maxLength)));
  const longStart = o.steps - Math.round(o.longPhaseShare * o.steps);
  const longBatch = Math.max(1, Math.round((o.batchSize * o.maxLength) / o.longLength));
  const trainLong = longStart < o.steps
    ? tokens.filter((_, i) => !isHeldOut.has(i)).flatMap((ids) => segmentTokens(ids, o.longLength))
    : [];
  if (train.length < o.batchSize) {
    throw new Error(`only ${train.length} training segments for batches of ${o.batchSize}: give more offers`);
  }
  const evalSegments = held.slice(0, 256);
  const evalRandom = new Random(seedOf(o.seed, 11));
  const evalBatches: MaskedBatch[] = [];
  for (let i = 0; i < evalSegments.length; i += o.batchSize) {
    evalBatches.push(
      maskBatch(evalSegments.slice(i, i + o.batchSize), {
        vocabSize: vocab.length,
        random: evalRandom,
        continuation,
      }),
    );
  }

  const config: BertConfig = {
    ...(o.arch === "small" ? SMALL_BERT : TINY_BERT),
    vocabSize: vocab.length,
    maxPositions: Math.max(128, trainedLength(o)),
  };
  const checkpointPath = `${dir}/checkpoint/state.safetensors`;
  let model: BertMlm, optimiser: AdamW;
  const record: LmTrainRecord = previous ?? {
    options: o,
    config,
    fingerprint,
    parameters: 0,
    trainSegments: train.length,
    heldOutSegments: held.length,
    history: [],
    evals: [],
    seconds: 0,
    resumedFrom: 0,
    heldOut,
    complete: false,
  };
  if (previous) {
    const { tensors, metadata } = await readSafetensors(checkpointPath);
    model = BertMlm.fromWeights(config, withPrefix(tensors, "param."));
    optimiser = new AdamW(model.params, { weightDecay: o.weightDecay });
    optimiser.restore({
      t: Number(metadata.step),
      m: withPrefix(tensors, "adam_m."),
      v: withPrefix(tensors, "adam_v."),
    });
    const step = Number(metadata.step);
    record.history = record.history.filter((h) => h.step <= step);
    record.evals = record.evals.filter((e) => e.step <= step);
    record.resumedFrom = step;
  } else {
    model = BertMlm.init(config, o.seed);
    await exportHuggingFace(`${dir}/untrained`, model, vocab, { maxLength: o.maxLength }); // the baseline evaluations compare with
    optimiser = new AdamW(model.params, { weightDecay: o.weightDecay });
    record.evals.push({ step: 0, heldOutLoss: heldOutLoss(model, evalBatches) });
  }
  record.parameters = model.size;

  const save = async (step: number) => {
    const tensors = new Map<string, NamedTensor>();
    const state = optimiser.state();
    for (const [name, t] of model.params) {
      const shape = t.shape as number[];
      tensors.set(`param.${name}`, { shape, values: t.dataSync() as Float32Array });
      tensors.set(`adam_m.${name}`, { shape, values: state.m.get(name)! });
      tensors.set(`adam_v.${name}`, { shape, values: state.v.get(name)! });
    }
    await writeSafetensors(checkpointPath, tensors, { step: String(step), fingerprint });
    await writeAtomically(recordPath, (tmp) => Deno.writeTextFile(tmp, JSON.stringify(record)));
  };

  const warmup = Math.max(1, Math.round(o.warmupShare * o.steps));
  let started = performance.now();
  for (let step = optimiser.t; step < o.steps; step++) {
    const rows = step < longStart
      ? batchAt(train.length, o.batchSize, step, o.seed).map((i) => train[i])
      : batchAt(trainLong.length, longBatch, step - longStart, o.seed).map((i) => trainLong[i]);
    const m = maskBatch(rows, {
      vocabSize: vocab.length,
      random: new Random(seedOf(o.seed, step, 3)),
      continuation,
    });
    const learningRate = warmupLinear(step, o.learningRate, warmup, o.steps);
    const r = optimiser.step((p) => model.mlmLoss(m.batch, m.positions, m.labels, p), learningRate);
    record.history.push({ step: step + 1, loss: r.loss, learningRate, gradNorm: r.gradNorm });
    if ((step + 1) % o.evalEvery === 0 || step + 1 === o.steps) {
      record.evals.push({ step: step + 1, heldOutLoss: heldOutLoss(model, evalBatches) });
    }
    progress?.(step + 1, o.steps);
    if ((step + 1) % o.checkpointEvery === 0 && step + 1 < o.steps) {
      record.seconds += (performance.now() - started) / 1000;
      started = performance.now();
      await save(step + 1);
    }
  }
  record.seconds += (performance.now() - started) / 1000;
  await save(o.steps);
  await exportHuggingFace(dir, model, vocab, { maxLength: trainedLength(o) });
  record.complete = true; // only once every file of the folder is written
  await writeAtomically(recordPath, (tmp) => Deno.writeTextFile(tmp, JSON.stringify(record)));
  model.dispose();
  optimiser.dispose();
  return record;
}
