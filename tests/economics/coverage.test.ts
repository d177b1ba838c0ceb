import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import { coverageRates, coverageRows, coverageStudy } from "../../lib/economics/coverage.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { tempDir } from "../_helpers.ts";

Deno.test("coverage study: per seed and theme the raw, pooled and per-period intervals against the planted change, tabulated", async () => {
  const config = { ...loadConfig({}), dataDir: await tempDir() };
  const lines: string[] = [];
  const study = await coverageStudy(config, {
    seeds: [3, 4],
    size: 8000,
    labelled: 1600,
    resamples: 150,
    onProgress: (l) => lines.push(l),
  });
  assert.equal(study.runs.length, 2 * THEMES.length);
  assert.deepEqual(lines.map((l) => l.replace(/ in .*/, "").replace(/\d+ offers/, "N offers")), [
    "[coverage] seed 3: N offers",
    "[coverage] seed 4: N offers",
  ]);
  const wlb = study.runs.filter((r) => r.theme === "WORK_LIFE_BALANCE");
  assert.ok(wlb.every((r) => r.planted > 0.15), "the generator plants a jump in work-life balance");
  assert.ok(
    wlb.every((r) => r.pooled.interval[1] - r.pooled.interval[0] > r.raw.interval[1] - r.raw.interval[0]),
    "the correction's uncertainty widens the interval",
  );
  const rows = coverageRows(study);
  assert.deepEqual(rows.map((r) => r.theme), [...THEMES]);
  assert.match(
    String(rows[THEMES.indexOf("WORK_LIFE_BALANCE")].raw),
    /^[0-2]\/2 \(error [+-]\d+\.\d, width \d+\.\d\)$/,
  );
  const rates = coverageRates(study);
  assert.equal(rates.runs, 12);
  assert.ok(rates.raw !== null && rates.raw >= 0 && rates.raw <= 1);
  // the method's nominal 95 % intervals (corrected for the classifier's errors) hold the planted change in at least 90 % of (theme, seed) runs
  assert.ok(rates.pooled !== null && rates.pooled >= 0.9, `pooled-corrected coverage ${rates.pooled}`);
  assert.deepEqual(
    await coverageStudy(config, { seeds: [3], size: 8000, labelled: 1600, resamples: 150 }).then((s) =>
      s.runs
    ),
    study.runs.slice(0, THEMES.length),
    "seeded and cached",
  );
  await assert.rejects(
    coverageStudy({ ...config, data: "offers.csv" }, { seeds: [1] }),
    /needs the generator's planted truth/,
  );
  await assert.rejects(coverageStudy(config, { seeds: [] }), /at least one seed/);
});
