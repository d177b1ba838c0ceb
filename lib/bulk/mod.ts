/**
 * Public face of lib/bulk/: Labelling the whole base: partitions, workers, Parquet output, the prediction file and its checks.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { labelAll } from "./mod.ts";
 * await labelAll({ model: "data/models/labeller", input: "offers.parquet", out: "data/labelled" });
 * ```
 */
export * from "./label_all.ts";
export * from "./label_partition.ts";
export * from "./labelled.ts";
export * from "./partition_check.ts";
export * from "./partitions.ts";
export * from "./predict_file.ts";
export * from "./prediction_line.ts";
