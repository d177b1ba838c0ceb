import assert from "node:assert/strict";
import { modelAsAnnotator } from "../../lib/evaluate/model_as_annotator.ts";

Deno.test("model as a third annotator: its agreement with each annotator beside theirs, with paired gaps", () => {
  const first = [[true, false], [false, true], [true, true], [false, false]];
  const second = [[true, false], [false, false], [true, true], [false, false]];
  const model = [[true, false], [false, true], [false, true], [true, false]];
  const r = modelAsAnnotator(first, second, model, ["A", "B"], 200, 7);
  assert.equal(r.offers, 4);
  // annotators: 3 shared positives of 4 and 3 -> 6/7; model vs first: 3 of 4 and 4 -> 6/8; model vs second: 2 of 3 and 4 -> 4/7
  assert.ok(Math.abs(r.secondVsFirst.value - 6 / 7) < 1e-12);
  assert.ok(Math.abs(r.modelVsFirst.value - 6 / 8) < 1e-12);
  assert.ok(Math.abs(r.modelVsSecond.value - 4 / 7) < 1e-12);
  assert.ok(Math.abs(r.gapToFirst.value - (6 / 8 - 6 / 7)) < 1e-12, "paired gap of the point estimates");
  assert.ok(Math.abs(r.gapToSecond.value - (4 / 7 - 6 / 7)) < 1e-12);
  assert.ok(
    r.gapToSecond.interval[0] <= r.gapToSecond.value && r.gapToSecond.value <= r.gapToSecond.interval[1],
  );
  const same = modelAsAnnotator(first, first, first, ["A", "B"], 50, 1);
  assert.deepEqual([same.secondVsFirst.value, same.gapToFirst.value, same.gapToSecond.value], [1, 0, 0]);
  assert.throws(
    () => modelAsAnnotator(first, second.slice(1), model, ["A", "B"]),
    /4 first, 3 second and 4 model rows/,
  );
  assert.throws(() => modelAsAnnotator([], [], [], ["A", "B"]), /no offer labelled twice/);
});
