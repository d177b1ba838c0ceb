import assert from "node:assert/strict";
import { crossValidateHead, MlpHead } from "../../lib/train/mlp_head.ts";
import { compareWithSparse } from "../../lib/train/head_comparison.ts";
import { crossValidate } from "../../lib/train/theme_model.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { Random } from "../../lib/base/random.ts";

/** Offers whose embedding carries theme c along axis c (plus noise), and whose text names it. */
function planted(n: number, seed: number) {
  const random = new Random(seed);
  const Y = Array.from({ length: n }, () => THEMES.map(() => random.chance(0.35)));
  const vectors = Y.map((y) => Float32Array.from({ length: 12 }, (_, d) => (d < THEMES.length && y[d] ? 1 : 0) + random.normal(0, 0.3)));
  const texts = Y.map((y, i) => `offre ${i} ` + THEMES.filter((_, c) => y[c]).map((t) => `mot${t.toLowerCase()}`).join(" "));
  return { Y, vectors, texts };
}

Deno.test("the MLP head learns themes carried by the embeddings, deterministically", async () => {
  const train = planted(300, 1), test = planted(150, 2);
  const head = await MlpHead.train(train.vectors, train.Y, { seed: 4, epochs: 40 });
  const predictions = head.predict(test.vectors);
  const accuracy = predictions.flat().filter((p, k) => p === test.Y.flat()[k]).length / predictions.flat().length;
  assert.ok(accuracy > 0.9, `accuracy ${accuracy}`);
  assert.equal(head.thresholds.length, THEMES.length);
  const again = await MlpHead.train(train.vectors, train.Y, { seed: 4, epochs: 40 });
  assert.deepEqual(again.predictProba(test.vectors.slice(0, 5)), head.predictProba(test.vectors.slice(0, 5)));
  head.dispose();
  again.dispose();
  await assert.rejects(() => MlpHead.train(train.vectors.slice(0, 5), train.Y.slice(0, 5)), /5 training offers; need at least 10/);
});

Deno.test("cross-validation of the head uses the sparse model's folds; the comparison scores both in and out of domain", async () => {
  const { Y, vectors, texts } = planted(200, 3);
  const cvHead = await crossValidateHead(vectors, Y, { k: 4, seed: 9, epochs: 40 });
  const cvSparse = crossValidate(texts, Y, { k: 4, seed: 9, thresholdFolds: 0 });
  assert.deepEqual(cvHead.folds.map((f) => f.size), cvSparse.folds.map((f) => f.size));
  assert.ok(cvHead.scores.micro.f1 > 0.8, `head F1 ${cvHead.scores.micro.f1}`);
  const other = planted(80, 5);
  const rows = await compareWithSparse({ texts, vectors, Y, k: 4, seed: 9, head: { epochs: 40 }, outOfDomain: [{ name: "other", texts: other.texts, vectors: other.vectors, truth: other.Y }] });
  assert.deepEqual(rows.map((r) => [r.model, r.test]), [
    ["sparse (TF-IDF + logistic)", "4-fold CV (in domain)"],
    ["MLP head on embeddings", "4-fold CV (in domain)"],
    ["sparse (TF-IDF + logistic)", "other"],
    ["MLP head on embeddings", "other"],
  ]);
  assert.ok(rows.every((r) => r.microF1 > 0.75), JSON.stringify(rows));
});
