/**
 * Public face of lib/stats/: Statistics: corpus profiles, multi-label metrics, the bootstrap, one Estimate with its percentile rule and formatter, folds.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { formatEstimate } from "./mod.ts";
 * formatEstimate({ value: 0.84, interval: [0.83, 0.85] }); // "0.840 [0.830, 0.850]"
 * ```
 */
export * from "./bootstrap.ts";
export * from "./cv.ts";
export * from "./describe.ts";
export * from "./estimate.ts";
export * from "./grid.ts";
export * from "./metrics.ts";
export * from "./numbers.ts";
export * from "./profile_corpus.ts";
