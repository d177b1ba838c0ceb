/**
 * `deno task reproduce`: runs every notebook twice, into two fresh report
 * folders, and fails when any recorded metric or table differs between the
 * runs. Usage: deno task reproduce [--only 01,03]
 *
 * @example
 * ```ts
 * const { differences } = await reproduce({ env: { JOBS_SAMPLE: "300" } });
 * ```
 */
import { diffMetrics, readAllMetrics } from "./metrics.ts";
import { describeError } from "./notebooks.ts";
import { runReport } from "./run_report.ts";

/** Runs the report twice and compares the metrics. */
export async function reproduce(options: { env?: Record<string, string>; only?: string[]; log?: (l: string) => void } = {}) {
  const base = await Deno.makeTempDir({ prefix: "jobs-reproduce-" });
  const dirs = [`${base}/run-1`, `${base}/run-2`];
  const errors: string[] = [];
  for (const dir of dirs) {
    const { failed } = await runReport({ outDir: dir, env: options.env, only: options.only, log: options.log, pdf: false });
    if (failed) errors.push(...failed.errors.map(describeError));
  }
  const [a, b] = dirs.map(readAllMetrics);
  return { dirs, errors, notebooks: Object.keys(a).length, differences: diffMetrics(a, b) };
}

if (import.meta.main) {
  const only = Deno.args.includes("--only") ? Deno.args[Deno.args.indexOf("--only") + 1]?.split(",") : undefined;
  const result = await reproduce({ only });
  if (result.errors.length) {
    console.error(`[reproduce] a notebook failed:\n${result.errors.join("\n")}`);
    Deno.exit(1);
  }
  if (result.differences.length) {
    console.error(`[reproduce] FAILED: ${result.differences.length} values differ between two runs:\n${result.differences.slice(0, 50).join("\n")}`);
    Deno.exit(1);
  }
  console.error(`[reproduce] OK: the metrics of ${result.notebooks} notebooks are identical in two runs (${result.dirs.join(", ")})`);
}
