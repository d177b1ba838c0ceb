import assert from "node:assert/strict";
import {
  budgetRowsForJson,
  embeddingThemes,
  tfidfThemes,
  themesByLabelBudget,
} from "../../lib/train/label_budget.ts";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { Random } from "../../lib/base/random.ts";
import type { LabelRecord } from "../../lib/labelling/records.ts";

Deno.test("themes by label budget: grouped folds, a sample of n labels per fold, paired differences to the first representation", () => {
  const random = new Random(7);
  const words = Array.from({ length: 300 }, (_, i) => `mot${i}`);
  const offers = Array.from({ length: 240 }, (_, i) => ({
    ...emptyOffer(`o${i}`, "generic" as const),
    rome: `${"ABCDEFGH"[i % 8]}1${String(i % 3).padStart(3, "0")}`,
    text: Array.from({ length: 30 }, () => words[random.int(0, words.length - 1)]).join(" "), // text that says nothing of the themes
  }));
  const records: LabelRecord[] = offers.map((o, i) => ({
    source: "test",
    id: o.id,
    soft_skills: [],
    overall_confidence: 100,
    themes: Object.fromEntries(THEMES.map((t, c) => [t, (i >> c) % 2 ? 100 : 0])) as LabelRecord["themes"],
  }));
  // planted embeddings: one axis per theme carries its label
  const planted = new Map(
    offers.map((o, i) => [
      o.id,
      Float32Array.from(THEMES.map((_, c) => ((i >> c) % 2 ? 1 : -1) + 0.1 * Math.sin(i + c))),
    ]),
  );
  const rows = themesByLabelBudget(offers, records, [
    tfidfThemes,
    embeddingThemes("planted", (o) => planted.get(o.id)!),
  ], { budgets: [20, 1000], resamples: 200 });
  assert.deepEqual(rows.map((r) => [r.budget, r.representation]), [
    [20, "TF-IDF + logistic"],
    [20, "planted + logistic"],
    [1000, "TF-IDF + logistic"],
    [1000, "planted + logistic"],
  ]);
  assert.equal(rows[0].trained, 20);
  assert.ok(rows[2].trained > 150 && rows[2].trained < 240, `the whole training fold: ${rows[2].trained}`);
  assert.equal(rows[0].vsFirst, null);
  assert.ok(rows[1].micro.value > 0.95, `planted axes from 20 labels: ${rows[1].micro.value}`);
  assert.ok(rows[0].micro.value < 0.8, `words that say nothing: ${rows[0].micro.value}`);
  assert.ok(rows[1].vsFirst!.interval[0] > 0, JSON.stringify(rows[1].vsFirst));
  assert.deepEqual(budgetRowsForJson([rows[0], { ...rows[2], budget: Infinity }]).map((r) => r.budget), [
    20,
    "all",
  ]);
  for (const r of rows) {
    assert.ok(r.micro.interval[0] <= r.micro.value && r.micro.value <= r.micro.interval[1]);
  }
});
