import assert from "node:assert/strict";
import {
  diverseSample,
  periodOf,
  randomSample,
  sampleQuality,
  stratumShares,
  uncertaintySample,
} from "../../lib/labelling/sampling.ts";
import { chooseLabelSample, labelBudget } from "../../lib/labelling/plan.ts";
import { fromMap } from "../../lib/represent/sparse.ts";
import { loadOffers } from "../../lib/corpus/load.ts";
import { writeGeneratedCorpus } from "../../lib/corpus/write.ts";
import { tempDir } from "../_helpers.ts";

const unit = (i: number) => fromMap(new Map([[i, 1]]));

Deno.test("k-center picks one offer per cluster before repeating one, under stratum quotas", () => {
  // three clusters of identical vectors: 0-3, 4-7, 8-11
  const vectors = Array.from({ length: 12 }, (_, i) => unit(Math.floor(i / 4)));
  const strata = vectors.map((_, i) => ({ sector: i < 6 ? "A" : "B", region: "R", period: "2020" }));
  const picked = diverseSample(vectors, strata, 3, { seed: 1 });
  assert.deepEqual(new Set(picked.map((i) => Math.floor(i / 4))), new Set([0, 1, 2]));
  const q = sampleQuality(vectors, picked);
  assert.equal(q.coverage, 1);
  assert.equal(q.nearDuplicatePairs, 0);
  const r = sampleQuality(vectors, [0, 1, 2]);
  assert.ok(r.coverage < 1 && r.nearDuplicatePairs === 3);
  assert.deepEqual(diverseSample(vectors, strata, 3, { seed: 1 }), picked, "seeded");
  assert.deepEqual(diverseSample(vectors, strata, 20), vectors.map((_, i) => i));
});

Deno.test("random and uncertainty samples; strata shares", () => {
  assert.deepEqual(randomSample(10, 4, 3), randomSample(10, 4, 3));
  assert.equal(new Set(randomSample(10, 4, 3)).size, 4);
  assert.deepEqual(uncertaintySample([[0.9, 0.1], [0.55, 0.9], [0.2, 0.45]], 2), [1, 2]);
  const shares = stratumShares(
    [{ sector: "A", region: "", period: "" }, { sector: "B", region: "", period: "" }, {
      sector: "A",
      region: "",
      period: "",
    }],
    [0, 1, 2],
    "sector",
  );
  assert.ok(Math.abs(shares.get("A")! - 2 / 3) < 1e-12);
  assert.equal(periodOf("2020-03-01"), "2020");
  assert.equal(periodOf(null), "unknown");
  assert.equal(labelBudget(2000), 1000);
  assert.equal(labelBudget(300), 150);
});

Deno.test("on a generated corpus the diverse sample keeps the sector mix and avoids reposts", async () => {
  const dir = await tempDir();
  const { out } = await writeGeneratedCorpus({ n: 600, seed: 12, out: `${dir}/c.parquet` });
  const { offers } = await loadOffers(out);
  const { vectors, strata, indices } = chooseLabelSample(offers, 150, 12);
  assert.equal(indices.length, 150);
  assert.equal(sampleQuality(vectors, indices).nearDuplicatePairs, 0);
  const randomPairs = [1, 2, 3].map((seed) =>
    sampleQuality(vectors, randomSample(offers.length, 150, seed)).nearDuplicatePairs
  );
  assert.ok(randomPairs.every((p) => p > 0), `random samples catch reposts: ${randomPairs}`);
  const population = stratumShares(strata, offers.map((_, i) => i), "sector");
  const sample = stratumShares(strata, indices, "sector");
  for (const [sector, share] of population) {
    if (share > 0.1) assert.ok(Math.abs((sample.get(sector) ?? 0) - share) < 0.05, sector);
  }
});
