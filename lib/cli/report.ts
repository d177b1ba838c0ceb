/**
 * `deno task report`: executes the notebooks in order and renders the
 * report (see report/run_report.ts); exits 1 naming the failing cell.
 *
 *   deno task report [--only 01,09] [--out <folder>]
 */
import { describeError, runReport } from "../report/mod.ts";

const args = Deno.args;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1]?.split(",") : undefined;
const outDir = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;
const { index, failed, runs } = await runReport({ only, outDir });
if (failed) {
  console.error(`[report] FAILED\n${failed.errors.map(describeError).join("\n")}`);
  console.error(`[report] partial report: ${index} (the failing notebook's page shows the error)`);
  Deno.exit(1);
}
console.error(`[report] ${runs.length} notebooks executed; report: ${index}`);
