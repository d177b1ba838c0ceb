/**
 * `deno task reproduce`: runs every notebook twice, into two fresh report
 * folders, and fails when any recorded metric or table differs between the
 * runs. Usage: deno task reproduce [--only 01,03]
 *
 * @example
 * ```ts
 * const { differences } = await reproduce({ env: { JOBS_CORPUS_SIZE: "300" } });
 * ```
 */
import { diffMetrics, readAllMetrics } from "./metrics.ts";
import { describeError } from "./notebooks.ts";
import { runReport } from "./run_report.ts";

/** Runs the report twice and compares the metrics. */
export async function reproduce(
  options: { env?: Record<string, string>; only?: string[]; log?: (l: string) => void } = {},
) {
  const base = await Deno.makeTempDir({ prefix: "jobs-reproduce-" });
  const dirs = [`${base}/run-1`, `${base}/run-2`];
  const errors: string[] = [];
  for (const dir of dirs) {
    const { failed } = await runReport({
      outDir: dir,
      env: options.env,
      only: options.only,
      log: options.log,
      pdf: false,
    });
    if (failed) errors.push(...failed.errors.map(describeError));
  }
  const [a, b] = dirs.map(readAllMetrics);
  return { dirs, errors, notebooks: Object.keys(a).length, differences: diffMetrics(a, b) };
}
