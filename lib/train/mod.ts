/**
 * Public face of lib/train/: Models: the theme model and stack, the soft-skill models, the labeller that labels the base, experiments and model files.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { ThemeModel } from "./mod.ts";
 * const model = new ThemeModel({ seed: 42 });
 * ```
 */
export * from "./bulk_model.ts";
export * from "./distil.ts";
export * from "./distillation.ts";
export * from "./encoder_comparison.ts";
export * from "./estimator.ts";
export * from "./experiments.ts";
export * from "./head_comparison.ts";
export * from "./isotonic.ts";
export * from "./label_budget.ts";
export * from "./labeller.ts";
export * from "./logistic.ts";
export * from "./metadata_run.ts";
export * from "./metadata_task.ts";
export * from "./mlp_head.ts";
export * from "./model_files.ts";
export * from "./skill_codes.ts";
export * from "./soft_skills.ts";
export * from "./theme_model.ts";
export * from "./theme_stack.ts";
export * from "./train_files.ts";
