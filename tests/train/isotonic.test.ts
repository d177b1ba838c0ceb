import assert from "node:assert/strict";
import { reliability } from "../../lib/evaluate/calibration.ts";
import { mulberry32 } from "../../lib/base/random.ts";
import { IsotonicCalibrator } from "../../lib/train/isotonic.ts";

Deno.test("isotonic calibration: pools violators, smooths each block, interpolates, stays monotone and reloads", () => {
  const cal = IsotonicCalibrator.fit([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [false, true, false, false, true, true]);
  // (0.2 true, 0.3 false, 0.4 false) violate order and pool into one block of rate 1/3, smoothed to (1 + 0.5) / 4
  assert.deepEqual(cal.y, [0.25, 0.375, 2.5 / 3]); // the two positives at 0.5 and 0.6 share one rate, so one block
  assert.deepEqual(cal.x.map((v) => Number(v.toFixed(6))), [0.1, 0.3, 0.55]);
  assert.equal(cal.apply(0), 0.25);
  assert.equal(cal.apply(0.9), 2.5 / 3);
  assert.ok(Math.abs(cal.apply(0.2) - 0.3125) < 1e-12, "half way between the first two centres");
  const grid = Array.from({ length: 101 }, (_, i) => cal.apply(i / 100));
  assert.ok(grid.every((v, i) => i === 0 || v >= grid[i - 1]), "non-decreasing");
  assert.deepEqual(
    IsotonicCalibrator.fromJSON(JSON.parse(JSON.stringify(cal.toJSON()))).apply(0.42),
    cal.apply(0.42),
  );
  const tied = IsotonicCalibrator.fit([0.5, 0.5, 0.5], [true, false, true]);
  assert.deepEqual([tied.x, tied.y], [[0.5], [0.625]], "equal scores are one block");
  assert.throws(() => IsotonicCalibrator.fit([], []), /at least one/);
  assert.throws(() => IsotonicCalibrator.fit([0.1], [true, false]), /as many scores as truths/);
});

Deno.test("isotonic calibration: over-confident scores come out calibrated on fresh data from the same source", () => {
  const random = mulberry32(5);
  const draw = (n: number) =>
    Array.from({ length: n }, () => {
      const p = random(); // the true probability
      return { score: p < 0.5 ? p * p * 2 : 1 - (1 - p) * (1 - p) * 2, truth: random() < p }; // pushed towards 0 and 1
    });
  const train = draw(3000), test = draw(3000);
  const cal = IsotonicCalibrator.fit(train.map((d) => d.score), train.map((d) => d.truth));
  const before = reliability(test.map((d) => d.score), test.map((d) => d.truth)).ece;
  const after = reliability(test.map((d) => cal.apply(d.score)), test.map((d) => d.truth)).ece;
  assert.ok(
    before > 0.05 && after < before / 2,
    `ECE ${before.toFixed(3)} before, ${after.toFixed(3)} after`,
  );
});
