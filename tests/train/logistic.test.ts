import assert from "node:assert/strict";
import { bestThreshold, OneVsRestLogistic } from "../../lib/train/logistic.ts";
import { fromMap } from "../../lib/represent/sparse.ts";
import { withDefaults } from "../../lib/base/options.ts";
import { Random } from "../../lib/base/random.ts";

/** Two informative features per class, plus noise features. */
function data(n: number, seed: number) {
  const r = new Random(seed);
  const X = [], Y = [];
  for (let i = 0; i < n; i++) {
    const y = [r.chance(0.3), r.chance(0.5)];
    const m = new Map<number, number>();
    if (y[0] && r.chance(0.9)) m.set(0, 1);
    if (y[1] && r.chance(0.9)) m.set(1, 1);
    for (let k = 0; k < 3; k++) m.set(2 + r.int(0, 20), 1);
    X.push(fromMap(m));
    Y.push(y);
  }
  return { X, Y };
}

Deno.test("one-vs-rest logistic regression learns separable classes and saves bit for bit", () => {
  const train = data(400, 1);
  const test = data(200, 2);
  const model = new OneVsRestLogistic({ C: 10 }).fit(train.X, train.Y, 23);
  const predicted = model.predict(test.X);
  for (let c = 0; c < 2; c++) {
    const accuracy = predicted.filter((p, i) => p[c] === test.Y[i][c]).length / test.X.length;
    assert.ok(accuracy > 0.9, `class ${c}: accuracy ${accuracy}`);
  }
  const again = OneVsRestLogistic.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  assert.deepEqual(again.predictProba(test.X), model.predictProba(test.X));
  assert.deepEqual(
    new OneVsRestLogistic({ C: 10 }).fit(train.X, train.Y, 23).weights,
    model.weights,
    "deterministic",
  );
});

Deno.test("a stronger penalty shrinks the weights; bad hyper-parameters fail clearly", () => {
  const { X, Y } = data(200, 3);
  const norm = (m: OneVsRestLogistic) => m.weights[0].slice(0, 23).reduce((a, w) => a + w * w, 0);
  assert.ok(
    norm(new OneVsRestLogistic({ C: 0.01 }).fit(X, Y, 23)) <
      norm(new OneVsRestLogistic({ C: 100 }).fit(X, Y, 23)),
  );
  assert.throws(() => new OneVsRestLogistic({ C: -1 }), /C must be a positive number/);
  assert.throws(() => new OneVsRestLogistic().fit([], [], 3), /no training examples/);
  assert.deepEqual(withDefaults({ C: 4, seed: 1 }, { C: undefined, seed: 7 }), { C: 4, seed: 7 });
});

Deno.test("the best threshold maximises F1", () => {
  assert.equal(bestThreshold([0.9, 0.8, 0.3, 0.2], [true, true, false, false]), 0.31);
  assert.equal(bestThreshold([0.1, 0.2], [false, false]), 0.5);
});
