import assert from "node:assert/strict";
import { MlpHead, vectorTable } from "../../lib/train/mlp_head.ts";
import { compareWithSparse } from "../../lib/train/head_comparison.ts";
import { ThemeModel } from "../../lib/train/theme_model.ts";
import { themeCrossValidation } from "../../lib/train/experiments.ts";
import { loadModel, saveModel } from "../../lib/train/model_files.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { Random } from "../../lib/base/random.ts";
import { tempDir, textOffers, themeLabels } from "../_helpers.ts";

/** Offers whose embedding carries theme c along axis c (plus noise), and whose text names it. */
function planted(n: number, seed: number) {
  const random = new Random(seed);
  const Y = Array.from({ length: n }, () => THEMES.map(() => random.chance(0.35)));
  const vectors = Y.map((y) =>
    Float32Array.from({ length: 12 }, (_, d) => (d < THEMES.length && y[d] ? 1 : 0) + random.normal(0, 0.3))
  );
  const offers = textOffers(
    Y.map((y, i) =>
      `offre ${i} ` + THEMES.filter((_, c) => y[c]).map((t) => `mot${t.toLowerCase()}`).join(" ")
    ),
    `s${seed}`,
  )
    .map((o, i) => ({ ...o, id: `s${seed}-${i}` }));
  return { Y, vectors, offers, labels: themeLabels(Y) };
}

Deno.test("the MLP head learns themes carried by the embeddings, deterministically, and saves and loads", async () => {
  const train = planted(300, 1), test = planted(150, 2);
  const vectors = vectorTable([...train.offers, ...test.offers], [...train.vectors, ...test.vectors]);
  const head = await new MlpHead(vectors, { seed: 4, epochs: 40 }).fit(train.offers, train.labels);
  const predictions = head.predict(test.offers);
  const accuracy = predictions.flat().filter((p, k) => p === test.Y.flat()[k]).length /
    predictions.flat().length;
  assert.ok(accuracy > 0.9, `accuracy ${accuracy}`);
  assert.equal(head.thresholds.length, THEMES.length);
  const again = await head.clone().fit(train.offers, train.labels);
  assert.deepEqual(again.predictProba(test.offers.slice(0, 5)), head.predictProba(test.offers.slice(0, 5)));
  const dir = await tempDir();
  const card = {
    name: "h",
    task: "head" as const,
    created: "",
    code_commit: "",
    hyperparameters: {},
    metrics: {},
    data: {
      offers_file: "",
      offers: 300,
      labels_file: "",
      label_source: "",
      min_confidence: 0,
      labels_used: 300,
    },
  };
  await saveModel(dir, head, card);
  await assert.rejects(loadModel(dir, "head"), /loads with the embeddings it reads/);
  const { model: loaded } = await loadModel(dir, "head", { vectors });
  assert.deepEqual(
    loaded.predictProba(test.offers.slice(0, 5)),
    head.predictProba(test.offers.slice(0, 5)),
    "reloads identically",
  );
  for (const h of [head, again, loaded]) h.dispose();
  await assert.rejects(
    () => new MlpHead(vectors).fit(train.offers.slice(0, 5), train.labels.slice(0, 5)),
    /5 training offers; need at least 10/,
  );
  assert.throws(() => vectors(textOffers(["inconnue"])), /no embedding for offer t0/);
});

Deno.test("cross-validation of the head uses the sparse model's folds; the comparison scores both in and out of domain", async () => {
  const { offers, labels, vectors } = planted(200, 3);
  const other = planted(80, 5);
  const table = vectorTable([...offers, ...other.offers], [...vectors, ...other.vectors]);
  const cvHead = await themeCrossValidation(new MlpHead(table, { seed: 9, epochs: 40 }), { offers, labels }, {
    k: 4,
    seed: 9,
  });
  const cvSparse = await themeCrossValidation(new ThemeModel({ seed: 9, thresholdFolds: 0 }), {
    offers,
    labels,
  }, { k: 4, seed: 9 });
  assert.deepEqual(cvHead.folds.map((f) => f.size), cvSparse.folds.map((f) => f.size));
  assert.ok(cvHead.scores.micro.f1 > 0.8, `head F1 ${cvHead.scores.micro.f1}`);
  const rows = await compareWithSparse({
    train: { offers, labels },
    vectors: table,
    k: 4,
    seed: 9,
    head: { epochs: 40 },
    outOfDomain: [{ name: "other", offers: other.offers, truth: other.Y }],
  });
  assert.deepEqual(rows.map((r) => [r.model, r.test]), [
    ["sparse (TF-IDF + logistic)", "4-fold CV (in domain)"],
    ["MLP head on embeddings", "4-fold CV (in domain)"],
    ["sparse (TF-IDF + logistic)", "other"],
    ["MLP head on embeddings", "other"],
  ]);
  assert.ok(rows.every((r) => r.microF1 > 0.75), JSON.stringify(rows));
});
