/**
 * Metrics a notebook computes, saved to `<reportDir>/metrics/<notebook>.json`
 * so that the reproduce check can compare two runs and the report can quote
 * them. Numbers are stored with 10 significant digits.
 *
 * @example
 * ```ts
 * import { recordMetrics } from "./metrics.ts";
 * recordMetrics("01_descriptive_stats", { offers: 2000, duplicate_share: 0.1 });
 * ```
 */
import { loadConfig } from "../config.ts";

function round(value: unknown): unknown {
  if (typeof value === "number") {
    return Number.isFinite(value) ? Number(value.toPrecision(10)) : String(value);
  }
  if (Array.isArray(value)) return value.map(round);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, round(v)]),
    );
  }
  return value;
}

/** The metrics file of a notebook. */
export function metricsPath(notebook: string, reportDir = loadConfig().reportDir): string {
  return `${reportDir}/metrics/${notebook}.json`;
}

/** Merges `values` into the notebook's metrics file (keys sorted). */
export function recordMetrics(notebook: string, values: Record<string, unknown>, reportDir?: string): void {
  const path = metricsPath(notebook, reportDir);
  Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(Deno.readTextFileSync(path));
  } catch { /* first metrics of this run */ }
  const merged = { ...current, ...(round(values) as Record<string, unknown>) };
  const sorted = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  Deno.writeTextFileSync(path, JSON.stringify(sorted, null, 1) + "\n");
}

/** Reads every metrics file of a report folder: notebook -> metrics. */
export function readAllMetrics(reportDir: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  try {
    for (const entry of Deno.readDirSync(`${reportDir}/metrics`)) {
      if (entry.name.endsWith(".json")) {
        out[entry.name.replace(/\.json$/, "")] = JSON.parse(
          Deno.readTextFileSync(`${reportDir}/metrics/${entry.name}`),
        );
      }
    }
  } catch { /* no metrics yet */ }
  return out;
}

/**
 * The differences between two metric sets: one line per value that differs
 * or exists on one side only, as `notebook.key.path: a != b`.
 */
export function diffMetrics(a: unknown, b: unknown, path = ""): string[] {
  if (a === b) return [];
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    return keys.flatMap((k) =>
      diffMetrics(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      )
    );
  }
  return [`${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`];
}
