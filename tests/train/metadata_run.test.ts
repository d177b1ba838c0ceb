import assert from "node:assert/strict";
import { metadataTasksOnRun, realAtRunScale } from "../../lib/train/metadata_run.ts";
import { trainLanguageModel } from "../../lib/lm/train_lm.ts";
import { loadConfig } from "../../lib/config.ts";
import { canonicalText, generateOffer } from "../../lib/corpus/generator.ts";
import type { RunCorpus } from "../../lib/corpus/default_corpus.ts";
import { tempDir, textOffers } from "../_helpers.ts";

Deno.test("the run's task without labels: both targets on the run's offers, every representation scored; a user's encoder is compared through its embeddings", async () => {
  const dir = await tempDir();
  const rows = Array.from({ length: 160 }, (_, i) => generateOffer(9, i).row);
  const offers = textOffers(rows.map((r) => canonicalText(r))).map((o, i) => ({
    ...o,
    rome: rows[i].job_ROME_code,
    contract: rows[i].contractType,
  }));
  await trainLanguageModel(offers.map((o) => o.text), `${dir}/encoder`, {
    vocabSize: 300,
    maxLength: 32,
    batchSize: 16,
    steps: 5,
    seed: 1,
  });
  const config = { ...loadConfig({}), encoder: `${dir}/encoder`, realData: null, dataDir: dir, seed: 3 };
  const corpus = { offers, generated: true, source: "test" } as unknown as RunCorpus;
  const sets = await metadataTasksOnRun(config, corpus);
  assert.equal(sets.length, 1, "no real sample configured");
  assert.equal(sets[0].real, false);
  assert.deepEqual(
    sets[0].texts,
    offers.map((o) => o.text),
    "the texts the word vectors learnt from, for the synonym test",
  );
  assert.ok(sets[0].wordVectors.count("vous") > 0);
  assert.deepEqual(sets[0].results.map((r) => r.target), [
    "contract type",
    "ROME domain (letter and two digits)",
  ]);
  for (const r of sets[0].results) {
    assert.deepEqual(
      r.rows.map((row) => row.representation.split(" ")[0]),
      ["TF-IDF", "frozen", "word"],
      "no fine-tuning of a user's encoder",
    );
    assert.ok(
      r.rows[0].accuracy.value > r.majorityShare,
      `${r.target}: sparse ${r.rows[0].accuracy.value} vs majority ${r.majorityShare}`,
    );
  }
  const noContract = await metadataTasksOnRun(config, {
    ...corpus,
    offers: offers.map((o) => ({ ...o, contract: null })),
  });
  assert.deepEqual(noContract[0].skipped, [{
    target: "contract type",
    reason: "0 of 160 offers give a contract type; the task needs 50",
  }]);
  assert.equal(noContract[0].results.length, 1, "the ROME domain is still scored");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a small run scores the task on as many real offers as it has (at least 300), a full run on all of them", () => {
  const real = Array.from({ length: 2098 }, (_, i) => i);
  assert.equal(realAtRunScale(real, 300, 1).length, 300);
  assert.equal(realAtRunScale(real, 120, 1).length, 300);
  assert.equal(realAtRunScale(real, 900, 1).length, 900);
  assert.deepEqual(realAtRunScale(real, 900, 1), realAtRunScale(real, 900, 1), "seeded");
  assert.equal(realAtRunScale(real, 1871, 1), real, "the default run reads them all");
  assert.equal(realAtRunScale(real.slice(0, 200), 300, 1).length, 200);
});
