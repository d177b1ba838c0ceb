import assert from "node:assert/strict";
import { Bootstrap } from "../../lib/stats/bootstrap.ts";
import { multilabelScores } from "../../lib/stats/metrics.ts";
import { Random } from "../../lib/base/random.ts";

const r = new Random(3);
const truth = Array.from({ length: 300 }, () => [r.chance(0.4), r.chance(0.2), false]);
const good = truth.map((row) => row.map((v) => (r.chance(0.9) ? v : !v)));
const poor = truth.map((row) => row.map((v) => (r.chance(0.6) ? v : !v)));

Deno.test("bootstrap: point values equal the plain scores, intervals hold them, seeded and paired", () => {
  const boot = new Bootstrap(truth.length, 400, 7);
  const a = boot.scores(truth, good, ["A", "B", "C"]);
  const plain = multilabelScores(truth, good, ["A", "B", "C"]);
  assert.ok(Math.abs(a.micro.f1.value - plain.micro.f1) < 1e-12);
  assert.ok(Math.abs(a.micro.precision.value - plain.micro.precision) < 1e-12);
  for (const e of [a.micro.f1, a.micro.recall, a.macro.f1]) {
    assert.ok(e.interval[0] <= e.value && e.value <= e.interval[1], JSON.stringify(e));
  }
  assert.ok(a.micro.f1.interval[1] - a.micro.f1.interval[0] < 0.1, "300 items give a narrow interval");
  assert.deepEqual(a.macroLabels, ["A", "B"], "a label never true is left out of the macro average");
  assert.ok(Math.abs(a.macro.f1.value - (plain.perClass.A.f1 + plain.perClass.B.f1) / 2) < 1e-12);
  assert.deepEqual(
    new Bootstrap(truth.length, 400, 7).scores(truth, good, ["A", "B", "C"]).micro.f1,
    a.micro.f1,
    "same seed, same interval",
  );
  const b = boot.scores(truth, poor, ["A", "B", "C"]);
  const d = boot.difference(a, b);
  assert.ok(d.value > 0.2 && d.interval[0] > 0 && d.aWins === 1, JSON.stringify(d));
  assert.equal(boot.difference(a, a).interval[1], 0, "a model against itself differs by nothing");
  assert.throws(() => boot.scores(truth.slice(1), good.slice(1), ["A", "B", "C"]), /drawn for 300 items/);
});
