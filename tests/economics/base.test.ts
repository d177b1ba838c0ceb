import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import { plantedDifference, prepareLabelledBase } from "../../lib/economics/base.ts";
import { beforeAfter } from "../../lib/economics/covid.ts";
import { THEMES } from "../../lib/labelling/taxonomy.ts";
import { tempDir } from "../_helpers.ts";

Deno.test("on the generated corpus the labelled base recovers the planted Covid jump in work-life balance", async () => {
  const dir = await tempDir();
  const config = { ...loadConfig({}), dataDir: dir, seed: 42 };
  const run = await prepareLabelledBase(config, { size: 20000, labelled: 1200 });
  assert.equal(run.base.length, 20000);
  assert.equal(run.summary.read, 20000);
  assert.equal(run.validation.against, "truth");
  assert.equal(run.validation.offers, 300);
  const theme = "WORK_LIFE_BALANCE";
  const r = beforeAfter(run.base, { value: (o) => o.themes[theme], errors: run.validation.errors[theme], resamples: 500, seed: 1 });
  const planted = plantedDifference(run.base, run.truth!, theme);
  assert.ok(planted.expected > 0.15, `planted jump ${planted.expected}`);
  const [lo, hi] = r.corrected!.raw.ci;
  assert.ok(lo <= planted.expected && planted.expected <= hi, `corrected interval [${lo}, ${hi}] must contain the planted ${planted.expected}`);
  // A second preparation finds everything done: same base, nothing relabelled.
  const again = await prepareLabelledBase(config, { size: 20000, labelled: 1200 });
  assert.equal(again.summary.partitions_written, 0);
  assert.deepEqual(again.base.slice(0, 50), run.base.slice(0, 50));
  for (const t of THEMES) assert.ok(run.validation.errors[t].tp > 0, t);
});
