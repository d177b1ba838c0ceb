import assert from "node:assert/strict";
import { multilabelScores, spanScores } from "../../lib/stats/metrics.ts";

Deno.test("multi-label scores: per class, micro and macro", () => {
  const truth = [[true, false], [true, true], [false, false]];
  const pred = [[true, true], [false, true], [false, false]];
  const s = multilabelScores(truth, pred, ["A", "B"]);
  assert.deepEqual([s.perClass.A.tp, s.perClass.A.fp, s.perClass.A.fn], [1, 0, 1]);
  assert.equal(s.perClass.A.f1, 2 / 3);
  assert.equal(s.perClass.B.precision, 0.5);
  assert.equal(s.micro.f1, 2 * (2 / 3) * (2 / 3) / (4 / 3));
  assert.equal(s.macro.f1, (2 / 3 + 2 / 3) / 2);
});

Deno.test("span scores count an overlap of the same code once", () => {
  const t = [[{ code: "a", start: 0, end: 5 }, { code: "b", start: 10, end: 15 }]];
  const p = [[{ code: "a", start: 3, end: 8 }, { code: "a", start: 4, end: 6 }, {
    code: "b",
    start: 20,
    end: 25,
  }]];
  assert.deepEqual(spanScores(t, p), {
    precision: 1 / 3,
    recall: 0.5,
    f1: 0.4,
    support: 2,
    tp: 1,
    fp: 2,
    fn: 1,
  });
});
