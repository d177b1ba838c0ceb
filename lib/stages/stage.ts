/**
 * What a stage module returns to its notebook: the parts each cell shows,
 * in the notebook's order, and the metrics payload the notebook records.
 * The notebook keeps the prose and the calls; the stage's logic lives here,
 * where it is typed and tested without Jupyter.
 *
 * @example
 * ```ts
 * import type { StageResult } from "./stage.ts";
 * import { note } from "../report/mod.ts";
 * const result: StageResult<"intro"> = { views: { intro: [note("Hello.")] }, metrics: { headline: "hello" } };
 * ```
 */
import type { Part } from "../report/mod.ts";

/** The views of a stage (one list of parts per notebook cell) and its metrics payload. */
export interface StageResult<View extends string> {
  views: Record<View, Part[]>;
  metrics: Record<string, unknown>;
}
