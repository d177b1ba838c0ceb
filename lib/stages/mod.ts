/**
 * Public face of lib/stages/: The nine stage modules behind the notebooks: each returns its views and metrics payload.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { descriptiveStatsStage } from "./mod.ts";
 * const stage = await descriptiveStatsStage(loadConfig());
 * ```
 */
export * from "./demo.ts";
export * from "./descriptive_stats.ts";
export * from "./economic_analysis.ts";
export * from "./labelling.ts";
export * from "./labelling_app.ts";
export * from "./labelling_strategy.ts";
export * from "./language_model.ts";
export * from "./skill_clustering.ts";
export * from "./stage.ts";
export * from "./training_evaluation.ts";
