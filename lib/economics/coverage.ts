/**
 * The real measure of stage 9's method: over several seeds of the
 * generator, how often the before/after interval holds the change the
 * generator planted, theme by theme, for the raw difference, the difference
 * corrected with pooled error rates, and the one corrected per period. A
 * 95 % interval that holds the planted change in far fewer than 95 % of the
 * runs is too narrow or biased, whatever it says on one run.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { table } from "../report/mod.ts";
 * const study = await coverageStudy(loadConfig(), { seeds: [1, 2, 3, 4], size: 20000 });
 * table(coverageRows(study));
 * ```
 */
import type { RunConfig } from "../config.ts";
import { type Theme, THEMES } from "../base/mod.ts";
import { breakErrors, employerCluster, plantedDifference, prepareLabelledBase } from "./base.ts";
import { beforeAfter, covers } from "./covid.ts";
import type { Estimate } from "../stats/mod.ts";

/** Options of {@link coverageStudy}. */
export interface CoverageOptions {
  /** Generator seeds, one labelled base each. */
  seeds: number[];
  /** Offers per generated base. @default 20000 */
  size?: number;
  /** Offers labelled per base (training + validation). @default 1200 */
  labelled?: number;
  /** Bootstrap replicates of each interval. @default 400 */
  resamples?: number;
  onProgress?: (line: string) => void;
}

/** The three estimates of one theme on one seed, and the planted change. */
export interface CoverageRun {
  seed: number;
  theme: Theme;
  planted: number;
  raw: Estimate;
  pooled: Estimate;
  perPeriod: Estimate | null;
}

/** Runs stage 9's before/after comparison on a generated base per seed (each cached like stage 9's own base). */
export async function coverageStudy(
  config: RunConfig,
  o: CoverageOptions,
): Promise<{ seeds: number[]; size: number; runs: CoverageRun[] }> {
  if (!o.seeds.length) throw new Error("a coverage study needs at least one seed");
  if (config.data !== "default") {
    throw new Error(
      "a coverage study needs the generator's planted truth: run it on the default data (JOBS_DATA unset)",
    );
  }
  const size = o.size ?? 20_000, resamples = o.resamples ?? 400;
  const runs: CoverageRun[] = [];
  for (const seed of o.seeds) {
    const started = performance.now();
    // the themes alone are read here: the theme stack is trained without the soft-skill model
    const run = await prepareLabelledBase({ ...config, seed }, {
      size,
      labelled: o.labelled ?? 1200,
      skills: false,
    });
    for (const theme of THEMES) {
      const value = (x: typeof run.base[number]) => x.themes[theme];
      const options = { value, resamples, seed, cluster: employerCluster }; // raw differences: the composition cells play no part
      const pooled = beforeAfter(run.base, { ...options, errors: run.validation.errors[theme] });
      const split = breakErrors(run.validation, theme);
      runs.push({
        seed,
        theme,
        planted: plantedDifference(run.base, run.truth!, theme).expected,
        raw: pooled.raw,
        pooled: pooled.corrected!.raw,
        perPeriod: split.perPeriod
          ? beforeAfter(run.base, { ...options, errors: split.errors }).corrected!.raw
          : null,
      });
    }
    o.onProgress?.(
      `[coverage] seed ${seed}: ${run.base.length} offers in ${
        ((performance.now() - started) / 1000).toFixed(1)
      } s`,
    );
  }
  return { seeds: o.seeds, size, runs };
}

/**
 * One row per theme: the mean planted change, and for each estimate how many
 * runs' intervals hold it, the mean error and the mean interval width (in
 * percentage points).
 */
export function coverageRows(study: { runs: CoverageRun[] }): Record<string, string | number>[] {
  const pts = (x: number) => (100 * x).toFixed(1).replace(/^-(0\.0)$/, "$1");
  return THEMES.map((theme) => {
    const runs = study.runs.filter((r) => r.theme === theme);
    const of = (pick: (r: CoverageRun) => Estimate | null) => {
      const held = runs.flatMap((r) => {
        const e = pick(r);
        return e ? [{ e, planted: r.planted }] : [];
      });
      if (!held.length) return "n/a";
      const covered = held.filter((h) => covers(h.e, h.planted)).length;
      const bias = held.reduce((a, h) => a + h.e.value - h.planted, 0) / held.length;
      const width = held.reduce((a, h) => a + h.e.interval[1] - h.e.interval[0], 0) / held.length;
      return `${covered}/${held.length} (error ${bias >= 0 ? "+" : ""}${pts(bias)}, width ${pts(width)})`;
    };
    return {
      theme,
      "planted Δ (mean, points)": pts(runs.reduce((a, r) => a + r.planted, 0) / Math.max(1, runs.length)),
      "raw": of((r) => r.raw),
      "corrected, pooled P/R": of((r) => r.pooled),
      "corrected, P/R per period": of((r) => r.perPeriod),
    };
  });
}

/** Share of (seed, theme) runs whose interval holds the planted change, per estimate. */
export function coverageRates(study: { runs: CoverageRun[] }) {
  const rate = (pick: (r: CoverageRun) => Estimate | null) => {
    const held = study.runs.flatMap((r) => {
      const e = pick(r);
      return e ? [covers(e, r.planted)] : [];
    });
    return held.length ? held.filter(Boolean).length / held.length : null;
  };
  return {
    runs: study.runs.length,
    raw: rate((r) => r.raw),
    pooled: rate((r) => r.pooled),
    per_period: rate((r) => r.perPeriod),
  };
}
