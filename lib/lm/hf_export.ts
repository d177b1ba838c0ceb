/**
 * Saves a trained {@link BertMlm} as a Hugging Face model folder that
 * transformers.js loads like any hub model: config.json, the tokenizer files,
 * onnx/model.onnx (fp32), and training.json (how it was trained).
 *
 * @example
 * ```ts
 * import { exportHuggingFace } from "./hf_export.ts";
 * declare const model: any; // your data
 * declare const vocab: any; // your data
 * await exportHuggingFace("data/models/lm/tiny", model, vocab, { maxLength: 64 });
 * // then: await pipeline("fill-mask", "/abs/path/data/models/lm/tiny")
 * ```
 */
import { type BertMlm, hfConfig } from "./bert.ts";
import { bertOnnx } from "./bert_onnx.ts";
import { tokenizerFiles } from "./wordpiece.ts";
import { writeAtomically } from "../base/mod.ts";

/** Writes the folder (files replaced atomically); `extra` files (e.g. training.json) are written beside. */
export async function exportHuggingFace(
  dir: string,
  model: BertMlm,
  vocab: string[],
  options: { maxLength: number; extra?: Record<string, string> },
): Promise<void> {
  await Deno.mkdir(`${dir}/onnx`, { recursive: true });
  const files: Record<string, string | Uint8Array> = {
    "config.json": JSON.stringify(
      { ...hfConfig(model.config), transformers_js_config: { dtype: "fp32" } },
      null,
      2,
    ),
    ...tokenizerFiles(vocab, { maxLength: options.maxLength }),
    ...options.extra,
    "onnx/model.onnx": bertOnnx(model.config, model.weights()),
  };
  for (const [name, content] of Object.entries(files)) {
    await writeAtomically(
      `${dir}/${name}`,
      (tmp) => typeof content === "string" ? Deno.writeTextFile(tmp, content) : Deno.writeFile(tmp, content),
    );
  }
}
