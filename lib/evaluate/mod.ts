/**
 * Public face of lib/evaluate/: Evaluation: the scoreboard over every reference file, calibration, error analysis, soft-skill checks and peers.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { SCHEMES } from "./mod.ts";
 * Object.keys(SCHEMES); // ["family", "grouped", "collector", "it-to-others", "stratified"]
 * ```
 */
export * from "./calibration.ts";
export * from "./error_analysis.ts";
export * from "./evaluate_labelled.ts";
export * from "./label_curve.ts";
export * from "./model_as_annotator.ts";
export * from "./python_peer.ts";
export * from "./scoreboard.ts";
export * from "./seed_peer.ts";
export * from "./soft_skill_checks.ts";
