/**
 * The run's transformer encoder, the one every notebook uses: the BERT the
 * project pre-trains on the run's own offers (trained once, then reused from
 * data/models/lm/), or — with JOBS_ENCODER=camembert-base (or any folder in
 * Hugging Face layout) — a model the user brings, through the very same
 * transformers.js code.
 *
 * @example
 * ```ts
 * import { runEmbeddings } from "./project_model.ts";
 * const vectors = await runEmbeddings(loadConfig(), offers.map((o) => o.text));
 * ```
 */
import type { RunConfig } from "../config.ts";
import { openRunCorpus } from "../corpus/default_corpus.ts";
import { type LmTrainOptions, lmFingerprint, type LmTrainRecord, trainLanguageModel } from "./train_lm.ts";
import { openEmbedder } from "../represent/encoder.ts";
import { resolveModel } from "../represent/transformers.ts";

/** Pre-training options of the project's BERT for a run (tiny architecture, 32-token segments). */
export function projectLmOptions(config: RunConfig): LmTrainOptions {
  return { arch: "tiny", vocabSize: 6000, maxLength: 32, batchSize: 32, learningRate: 3e-3, steps: config.lmSteps, seed: config.seed };
}

type ProjectModel = { dir: string; record: LmTrainRecord; texts: string[] };
const opened = new Map<string, Promise<ProjectModel>>();

/**
 * Trains (or reuses) the project's BERT on the run's offers; returns its
 * folder and training record. Memoised per run configuration, so that the
 * stages calling it several times load the corpus once.
 */
export function projectLanguageModel(config: RunConfig, onProgress?: (done: number, total: number) => void): Promise<ProjectModel> {
  const key = JSON.stringify(config);
  if (!opened.has(key)) opened.set(key, trainOnRun(config, onProgress).catch((e) => {
    opened.delete(key);
    throw e;
  }));
  return opened.get(key)!;
}

async function trainOnRun(config: RunConfig, onProgress?: (done: number, total: number) => void): Promise<ProjectModel> {
  const corpus = await openRunCorpus(config);
  const texts = corpus.offers.map((o) => o.text);
  const options = projectLmOptions(config);
  const dir = `${config.dataDir}/models/lm/project-${lmFingerprint(texts, options)}`;
  const record = await trainLanguageModel(texts, dir, options, onProgress);
  return { dir, record, texts };
}

/** The folder of the run's encoder ("project": trained on demand). */
export async function runEncoderPath(config: RunConfig, onProgress?: (done: number, total: number) => void): Promise<string> {
  return config.encoder === "project" ? (await projectLanguageModel(config, onProgress)).dir : resolveModel(config.encoder);
}

/** Embeddings of texts with the run's encoder (cached in data/cache/embeddings.sqlite). */
export async function runEmbeddings(config: RunConfig, texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
  const embedder = await openEmbedder(await runEncoderPath(config), { cache: `${config.dataDir}/cache/embeddings.sqlite`, onProgress });
  try {
    return await embedder.embed(texts);
  } finally {
    embedder.close();
  }
}
