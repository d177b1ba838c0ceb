/**
 * transformers.js (on onnxruntime-node) set up for this project: models are
 * read from a local folder in Hugging Face layout — a path, or a name under
 * models/ — and from the Hugging Face hub only when the user allows it
 * (JOBS_HF_REMOTE=1 on a machine that is online). Downloads are cached under
 * models/hub-cache.
 *
 * @example
 * ```ts
 * import { resolveModel, loadTokenizer } from "./transformers.ts";
 * const ref = resolveModel("camembert-base"); // models/camembert-base, or the hub id when allowed
 * const tokenizer = await loadTokenizer(ref);
 * ```
 */
import { AutoModel, AutoModelForMaskedLM, AutoTokenizer, env } from "@huggingface/transformers";
import { ROOT } from "../config.ts";

function isDirectory(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

/** Whether hub downloads are allowed (JOBS_HF_REMOTE=1). */
export function remoteAllowed(): boolean {
  return Deno.env.get("JOBS_HF_REMOTE") === "1";
}

/**
 * Where a model is: an existing folder (absolute, relative to the project,
 * or under models/), else a hub id when downloads are allowed. Throws a
 * message saying where it looked otherwise.
 */
export function resolveModel(name: string): string {
  const candidates = name.startsWith("/") ? [name] : [`${ROOT}/${name}`, `${ROOT}/models/${name}`];
  const found = candidates.find(isDirectory);
  if (found) return found;
  if (remoteAllowed() && /^[\w.-]+(\/[\w.-]+)?$/.test(name)) return name;
  throw new Error(
    `model "${name}" not found: looked in ${candidates.join(", ")}. Put the model folder (config.json, tokenizer.json, onnx/model.onnx) there, ` +
      `or set JOBS_HF_REMOTE=1 on a machine that can reach the Hugging Face hub.`,
  );
}

function configure() {
  env.allowLocalModels = true;
  env.allowRemoteModels = remoteAllowed();
  env.cacheDir = `${ROOT}/models/hub-cache`;
}

/** The tokenizer of a resolved model. */
export async function loadTokenizer(ref: string) {
  configure();
  return await AutoTokenizer.from_pretrained(ref);
}

/** The encoder of a resolved model (outputs last_hidden_state), fp32 on the CPU. */
export async function loadEncoderModel(ref: string) {
  configure();
  return await AutoModel.from_pretrained(ref, { dtype: "fp32", device: "cpu" });
}

/** The masked-language model of a resolved model (outputs logits), fp32 on the CPU. */
export async function loadMaskedLm(ref: string) {
  configure();
  return await AutoModelForMaskedLM.from_pretrained(ref, { dtype: "fp32", device: "cpu" });
}

export type HfTokenizer = Awaited<ReturnType<typeof loadTokenizer>>;
export type HfModel = Awaited<ReturnType<typeof loadEncoderModel>>;
