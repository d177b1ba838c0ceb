import assert from "node:assert/strict";
import { cohenKappa, krippendorffAlpha } from "../../lib/labelling/agreement.ts";

Deno.test("Cohen's kappa matches hand-computed values", () => {
  assert.equal(cohenKappa([true, true, false, false], [true, true, false, false]), 1);
  assert.ok(Math.abs(cohenKappa([true, false, true], [true, false, false]) - 0.4) < 1e-12);
  // 20 items: 16 agree; marginals a: 10 yes, b: 8 yes -> pe = 0.5*0.4 + 0.5*0.6 = 0.5, po = 0.8, kappa = 0.6
  const a = [...Array(10).fill(true), ...Array(10).fill(false)];
  const b = [
    ...Array(7).fill(true),
    ...Array(3).fill(false),
    ...Array(1).fill(true),
    ...Array(9).fill(false),
  ];
  assert.ok(Math.abs(cohenKappa(a, b) - 0.6) < 1e-12);
  assert.throws(() => cohenKappa([1], [1, 2]), /rated 1 and 2/);
});

Deno.test("Krippendorff's alpha (nominal) matches the textbook example and handles missing ratings", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", nominal example: alpha = 0.743
  const data: (number | null)[][] = [
    [1, 1, null, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [null, 5, 5, 5],
    [null, null, 1, 1],
    [null, null, 3, null],
  ];
  assert.ok(Math.abs(krippendorffAlpha(data) - 0.743) < 0.001, String(krippendorffAlpha(data)));
  assert.equal(krippendorffAlpha([[true, true], [false, false]]), 1);
});
