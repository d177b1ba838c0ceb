/**
 * Public face of lib/lm/: The project's BERT: WordPiece, masked-language modelling, ONNX export, fill-mask and perplexity checks, the run's encoder.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { projectLanguageModel } from "./mod.ts";
 * const lm = await projectLanguageModel(loadConfig());
 * ```
 */
export * from "./adamw.ts";
export * from "./bert.ts";
export * from "./bert_onnx.ts";
export * from "./fill_mask_list.ts";
export * from "./fine_tune.ts";
export * from "./hf_export.ts";
export * from "./lm_quality.ts";
export * from "./masking.ts";
export * from "./onnx.ts";
export * from "./pair_test.ts";
export * from "./project_model.ts";
export * from "./safetensors.ts";
export * from "./tf_backend.ts";
export * from "./train_lm.ts";
export * from "./train_on_corpus.ts";
export * from "./wordpiece.ts";
