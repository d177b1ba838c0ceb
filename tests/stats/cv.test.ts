import assert from "node:assert/strict";
import { foldSplits, groupedFolds, iterativeStratifiedFolds } from "../../lib/stats/cv.ts";
import {
  confusion,
  cooccurrence,
  precisionRecallCurve,
  reliability,
} from "../../lib/evaluate/calibration.ts";
import { Random } from "../../lib/base/random.ts";

Deno.test("iterative stratification spreads every label, rare ones included, evenly over folds", () => {
  const r = new Random(5);
  const Y = Array.from({ length: 500 }, () => [r.chance(0.5), r.chance(0.1), r.chance(0.03)]);
  const folds = iterativeStratifiedFolds(Y, 5, 1);
  assert.deepEqual(folds, iterativeStratifiedFolds(Y, 5, 1), "seeded");
  for (let l = 0; l < 3; l++) {
    const total = Y.filter((y) => y[l]).length;
    for (let f = 0; f < 5; f++) {
      const inFold = Y.filter((y, i) => y[l] && folds[i] === f).length;
      assert.ok(Math.abs(inFold - total / 5) <= 1, `label ${l} fold ${f}: ${inFold} of ${total}`);
    }
  }
  for (let f = 0; f < 5; f++) assert.ok(Math.abs(folds.filter((x) => x === f).length - 100) <= 2);
  const splits = foldSplits(folds, 5);
  assert.equal(splits[0].train.length + splits[0].test.length, 500);
});

Deno.test("calibration, PR curve, confusion and co-occurrence", () => {
  const { bins, ece } = reliability([0.05, 0.15, 0.95, 0.85], [false, false, true, true], 10);
  assert.equal(bins[0].count, 1);
  assert.ok(Math.abs(ece - 0.1) < 1e-12);
  const pr = precisionRecallCurve([0.9, 0.8, 0.7, 0.1], [true, false, true, false]);
  assert.deepEqual(pr.points.map((p) => [p.precision, p.recall]), [[1, 0.5], [0.5, 0.5], [2 / 3, 1], [
    0.5,
    1,
  ]]);
  assert.ok(Math.abs(pr.averagePrecision - (0.5 * 1 + 0.5 * (2 / 3))) < 1e-12);
  assert.deepEqual(confusion([true, true, false, false], [true, false, true, false]), {
    tp: 1,
    fp: 1,
    fn: 1,
    tn: 1,
  });
  assert.deepEqual(cooccurrence([[true, true], [true, false]]), [[2, 1], [1, 1]]);
});

Deno.test("grouped folds keep every group in one fold and balance the sizes", () => {
  const r = new Random(9);
  const groups = Array.from({ length: 400 }, () => `G${Math.floor(r.next() ** 2 * 30)}`);
  const folds = groupedFolds(groups, 5, 3);
  const foldOf = new Map<string, number>();
  groups.forEach((g, i) => {
    assert.equal(foldOf.get(g) ?? folds[i], folds[i], `group ${g} split across folds`);
    foldOf.set(g, folds[i]);
  });
  const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
  const largest = Math.max(...[...new Set(groups)].map((g) => groups.filter((x) => x === g).length));
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= largest, `sizes ${sizes}, largest group ${largest}`);
  assert.deepEqual(groupedFolds(groups, 5, 3), folds, "seeded");
  assert.deepEqual(groupedFolds(["M1805", "M1805", "K2303", "H1501"], 2), [0, 0, 1, 1]);
  assert.throws(() => groupedFolds(["a", "a", "b"], 3), /2 groups cannot fill 3 grouped folds/);
});
