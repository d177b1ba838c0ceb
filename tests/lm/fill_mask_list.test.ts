import assert from "node:assert/strict";
import { trainLanguageModel } from "../../lib/lm/train_lm.ts";
import { FILL_MASK_CONTEXTS, fillMaskHits } from "../../lib/lm/fill_mask_list.ts";
import { tempDir } from "../_helpers.ts";

Deno.test("the written fill-mask list: one [MASK] and some accepted answers per context", () => {
  assert.equal(FILL_MASK_CONTEXTS.length, 20);
  for (const c of FILL_MASK_CONTEXTS) {
    assert.equal(c.sentence.split("[MASK]").length, 2, c.sentence);
    assert.ok(c.answers.length > 0, c.sentence);
  }
});

Deno.test("fill-mask hits count a context when an accepted answer is in the top five, and set apart contexts no vocabulary token can answer", async () => {
  const dir = await tempDir();
  const names = ["paul", "marie", "luc", "anne", "jean", "sophie", "marc", "julie"];
  const jobs = ["comptable", "vendeur", "cuisinier", "technicien", "infirmier", "chauffeur"];
  const corpus = names.flatMap((n) => jobs.map((j) => `${n} est ${j} et très rigoureux au travail`));
  await trainLanguageModel(corpus, dir, {
    vocabSize: 120,
    maxLength: 16,
    batchSize: 16,
    steps: 200,
    learningRate: 3e-3,
    seed: 5,
  });
  const contexts = [
    { sentence: "marc est cuisinier et très [MASK] au travail", answers: ["Rigoureux"] },
    { sentence: "anne est [MASK] et très rigoureux au travail", answers: ["astronaute"] },
    { sentence: "paul est comptable et très rigoureux au [MASK]", answers: ["bureau", "chantier"] },
  ];
  const r = await fillMaskHits(dir, contexts);
  assert.deepEqual(r.rows.map((x) => x.answerable), [true, false, false]);
  assert.equal(r.rows[0].hit, true, r.rows[0].predictions.join(" "));
  assert.equal(r.answerable, 1);
  assert.equal(r.hitRate, 1);
  const untrained = await fillMaskHits(`${dir}/untrained`, contexts.slice(0, 1), 1);
  assert.equal(untrained.hits, 0, "the untrained model does not know the word");
  await Deno.remove(dir, { recursive: true });
});
