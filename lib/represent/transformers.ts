/**
 * transformers.js (on onnxruntime-node) set up for this project: models are
 * read from a local folder in Hugging Face layout — a path, or a name under
 * models/ — and from the Hugging Face hub only when the user allows it
 * (JOBS_HF_REMOTE=1 on a machine that is online). Downloads are cached under
 * models/hub-cache. transformers.js itself is loaded on first use, not when
 * this module is imported: the label-all workers import this folder without
 * ever embedding, and transformers.js cannot start inside a worker.
 *
 * @example
 * ```ts
 * import { resolveModel, loadTokenizer } from "./transformers.ts";
 * const ref = resolveModel("camembert-base"); // models/camembert-base, or the hub id when allowed
 * const tokenizer = await loadTokenizer(ref);
 * ```
 */
import type { Tensor } from "@huggingface/transformers";
import { ROOT } from "../config.ts";

type Transformers = typeof import("@huggingface/transformers");
let transformers: Promise<Transformers> | null = null;

/** transformers.js, imported and configured on first use. */
async function library(): Promise<Transformers> {
  transformers ??= import("@huggingface/transformers");
  const hf = await transformers;
  hf.env.allowLocalModels = true;
  hf.env.allowRemoteModels = remoteAllowed();
  hf.env.cacheDir = `${ROOT}/models/hub-cache`;
  return hf;
}

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
    `model "${name}" not found: looked in ${
      candidates.join(", ")
    }. Put the model folder (config.json, tokenizer.json, onnx/model.onnx) there, ` +
      `or set JOBS_HF_REMOTE=1 on a machine that can reach the Hugging Face hub.`,
  );
}

/** The tokenizer of a resolved model. */
export async function loadTokenizer(ref: string) {
  return await (await library()).AutoTokenizer.from_pretrained(ref);
}

/** The encoder of a resolved model (outputs last_hidden_state), fp32 on the CPU. */
export async function loadEncoderModel(ref: string) {
  return await (await library()).AutoModel.from_pretrained(ref, { dtype: "fp32", device: "cpu" });
}

/** The masked-language model of a resolved model (outputs logits), fp32 on the CPU. */
export async function loadMaskedLm(ref: string) {
  return await (await library()).AutoModelForMaskedLM.from_pretrained(ref, { dtype: "fp32", device: "cpu" });
}

export type HfTokenizer = Awaited<ReturnType<typeof loadTokenizer>>;
export type HfModel = Awaited<ReturnType<typeof loadEncoderModel>>;

/** The special tokens a tokenizer puts around a text, e.g. [CLS] … [SEP] or <s> … </s>. */
export function specialFrame(tokenizer: HfTokenizer): { open: number[]; close: number[] } {
  const specials = tokenizer.encode("") as number[];
  return { open: specials.slice(0, 1), close: specials.slice(1) };
}

/** Model inputs (int64 `input_ids` and `attention_mask`) of rows of token ids, padded with 0 to the longest. */
export async function modelInputs(rows: number[][]): Promise<{ input_ids: Tensor; attention_mask: Tensor }> {
  const { Tensor } = await library();
  const length = Math.max(...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * length);
  const mask = new BigInt64Array(rows.length * length);
  rows.forEach((row, b) =>
    row.forEach((id, t) => {
      ids[b * length + t] = BigInt(id);
      mask[b * length + t] = 1n;
    })
  );
  return {
    input_ids: new Tensor("int64", ids, [rows.length, length]),
    attention_mask: new Tensor("int64", mask, [rows.length, length]),
  };
}
