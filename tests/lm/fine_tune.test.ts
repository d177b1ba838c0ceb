import assert from "node:assert/strict";
import { trainLanguageModel } from "../../lib/lm/train_lm.ts";
import { FineTunedEncoder } from "../../lib/lm/fine_tune.ts";
import { tempDir } from "../_helpers.ts";

/** Offers whose class is carried by one word among shared ones: "cdi" (0) or "intérim" (1). */
function plantedOffers(n: number, seed: number) {
  const names = ["paul", "marie", "luc", "anne", "jean", "sophie", "marc", "julie"];
  const jobs = ["comptable", "vendeur", "cuisinier", "technicien", "infirmier", "chauffeur"];
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7 + seed) % 97;
    const y = k % 2;
    return {
      text: `${names[k % 8]} est ${jobs[k % 6]} en ${y ? "intérim" : "cdi"} et très rigoureux au travail`,
      y,
    };
  });
}

Deno.test("fine-tuning the pre-trained encoder learns a class carried by one word, the same way twice", async () => {
  const dir = await tempDir();
  const corpus = plantedOffers(200, 1).map((o) => o.text);
  await trainLanguageModel(corpus, dir, {
    vocabSize: 120,
    maxLength: 16,
    batchSize: 16,
    steps: 40,
    learningRate: 3e-3,
    seed: 5,
  });
  const train = plantedOffers(120, 3), test = plantedOffers(40, 11);
  const options = { epochs: 4, batchSize: 8, learningRate: 3e-3, seed: 2 };
  const model = await new FineTunedEncoder(dir, options).fit(train, train.map((o) => o.y), 2);
  const predicted = model.predict(test);
  const accuracy = predicted.filter((p, i) => p === test[i].y).length / test.length;
  assert.ok(accuracy >= 0.9, `accuracy ${accuracy}`);
  const probabilities = model.predictProba(test.slice(0, 3));
  for (const p of probabilities) assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-5, `probabilities ${p}`);
  const again = await new FineTunedEncoder(dir, options).fit(train, train.map((o) => o.y), 2);
  assert.deepEqual(again.losses, model.losses, "seeded: the same offers and options give the same training");
  model.dispose();
  again.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("fine-tuning refuses classes out of range and a model used before fit", async () => {
  const model = new FineTunedEncoder("/nowhere");
  await assert.rejects(
    () => model.fit([{ text: "a" }, { text: "b" }], [0, 2], 2),
    /offer 1: class 2 is not in 0 … 1/,
  );
  assert.throws(() => model.predictProba([{ text: "a" }]), /not fitted/);
});
