/**
 * Public face of lib/economics/: Economic analysis: the labelled base, monthly series, before/after Covid with error-rate corrections, coverage, the reading.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { BREAK_MONTH } from "./mod.ts";
 * BREAK_MONTH; // "2020-03"
 * ```
 */
export * from "./base.ts";
export * from "./coverage.ts";
export * from "./covid.ts";
export * from "./label_sources.ts";
export * from "./reading.ts";
export * from "./regions.ts";
export * from "./series.ts";
