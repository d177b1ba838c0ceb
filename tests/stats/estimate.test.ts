import assert from "node:assert/strict";
import { formatEstimate, percentile, percentileInterval } from "../../lib/stats/estimate.ts";

Deno.test("percentile interpolates between order statistics (type 7, numpy's default)", () => {
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(percentile([0, 10], 0.25), 2.5);
  assert.equal(percentile([7], 0.975), 7);
  assert.ok(Number.isNaN(percentile([], 0.5)));
});

Deno.test("percentileInterval gives the central 95 % of the finite draws, in any order", () => {
  assert.deepEqual(percentileInterval([3, 1, 2, 5, 4]).map((v) => +v.toFixed(6)), [1.1, 4.9]);
  assert.deepEqual(percentileInterval([NaN, 2, Infinity, 2]), [2, 2]);
  assert.ok(percentileInterval([NaN]).every(Number.isNaN));
  const draws = Array.from({ length: 1001 }, (_, i) => i / 1000);
  assert.deepEqual(percentileInterval(draws, 0.9).map((v) => +v.toFixed(6)), [0.05, 0.95]);
});

Deno.test("formatEstimate writes three decimals, or signed percentage points, or the missing text", () => {
  assert.equal(formatEstimate({ value: 0.8381, interval: [0.829, 0.8474] }), "0.838 [0.829, 0.847]");
  assert.equal(
    formatEstimate({ value: 0.012, interval: [0.004, 0.02] }, { points: true }),
    "+1.2 [0.4, 2.0]",
  );
  assert.equal(
    formatEstimate({ value: -0.031, interval: [-0.05, -0.012] }, { points: true }),
    "-3.1 [-5.0, -1.2]",
  );
  assert.equal(
    formatEstimate({ value: NaN, interval: [NaN, NaN] }, {
      points: true,
      missing: "unknown (no error rates)",
    }),
    "unknown (no error rates)",
  );
  assert.equal(formatEstimate({ value: NaN, interval: [0, 1] }), "n/a");
  assert.equal(
    formatEstimate({ value: 0.011, interval: [0.006, 0.017] }, { signed: true }),
    "+0.011 [0.006, 0.017]",
  );
  assert.equal(
    formatEstimate({ value: -0.005, interval: [-0.009, -0.0001] }, { signed: true }),
    "-0.005 [-0.009, -0.000]",
  );
});
