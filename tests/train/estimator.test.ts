import assert from "node:assert/strict";
import {
  crossValidate,
  type Estimator,
  type Labels,
  themeFoldScores,
  thresholded,
} from "../../lib/train/estimator.ts";
import { ThemeModel } from "../../lib/train/theme_model.ts";
import { ThemeStack } from "../../lib/train/theme_stack.ts";
import { BulkModel } from "../../lib/train/bulk_model.ts";
import { EvidenceLookup, SkillCodeModel } from "../../lib/train/skill_codes.ts";
import { SoftSkillDetector } from "../../lib/train/soft_skills.ts";
import { MlpHead, vectorTable } from "../../lib/train/mlp_head.ts";
import {
  hasModel,
  loadModel,
  type ModelCard,
  type ModelRole,
  registerModelKind,
  roleOf,
  saveModel,
} from "../../lib/train/model_files.ts";

/** A card with nothing but its name, role and the offers it learnt from. */
const cardOf = (name: string, task: ModelRole, offers: number): ModelCard => ({
  name,
  task,
  created: "",
  code_commit: "",
  hyperparameters: {},
  metrics: {},
  data: {
    offers_file: "",
    offers,
    labels_file: "",
    label_source: "",
    min_confidence: 0,
    labels_used: offers,
  },
});
import { generateOffer } from "../../lib/corpus/generator.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import type { Offer } from "../../lib/corpus/schema.ts";
import { labelWithRules } from "../../lib/labelling/rules.ts";
import { iterativeStratifiedFolds } from "../../lib/stats/cv.ts";
import { themeMatrix } from "../../lib/base/labels.ts";
import { tempDir, textOffers, themeLabels } from "../_helpers.ts";

/** A model that remembers how many offers it was fitted on and says "theme 0" for offers longer than that many characters. */
class Counting implements Estimator<boolean[]> {
  readonly kind = "counting";
  seen = -1;
  fit(offers: Offer[]): this {
    this.seen = offers.length;
    return this;
  }
  predictProba(offers: Offer[]) {
    return offers.map((o) => [o.text.length > this.seen ? 0.9 : 0.1]);
  }
  predict(offers: Offer[]) {
    return this.predictProba(offers).map((p) => p.map((x) => x >= 0.5));
  }
  clone() {
    return new Counting();
  }
  toJSON() {
    return { seen: this.seen };
  }
}

Deno.test("crossValidate: each fold's clone is fitted on the other folds and predicts its own rows, in row order", async () => {
  const offers = textOffers(Array.from({ length: 10 }, (_, i) => "x".repeat(i)));
  const folds = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
  const model = new Counting();
  const cv = await crossValidate(model, { offers, labels: themeLabels(offers.map(() => [true])) }, folds);
  assert.equal(model.seen, -1, "the model given is left unfitted");
  // fold 0 trains on 7 offers, fold 1 on 6, fold 2 on 7: offer i is "positive" when its length i exceeds that
  assert.deepEqual(cv.predictions.map((p) => p[0]), [
    false,
    false,
    false,
    false,
    false,
    false,
    false,
    false,
    true,
    true,
  ]);
  assert.deepEqual(cv.probabilities[9], [0.9]);
  assert.deepEqual(cv.folds, folds);
  const only = await crossValidate(model, { offers, labels: themeLabels(offers.map(() => [true])) }, folds, {
    probabilities: false,
  });
  assert.deepEqual([only.probabilities, only.predictions], [[], cv.predictions]);
  assert.equal(cv.models, undefined, "models only when asked");
  const kept = await crossValidate(model, { offers, labels: themeLabels(offers.map(() => [true])) }, folds, {
    keepModels: true,
  });
  assert.deepEqual(
    kept.models!.map((m) => (m as Counting).seen),
    [7, 6, 7],
    "each fold's fitted model, by fold",
  );
  await assert.rejects(
    () => crossValidate(model, { offers, labels: [] }, folds),
    /10 offers, 0 labels and 10 fold numbers/,
  );
  assert.deepEqual(thresholded([[0.2, 0.7]], [0.3, 0.7]), [[false, true]]);
});

const generated = Array.from({ length: 120 }, (_, i) => generateOffer(23, i));
const offers = generated.map((g) =>
  rowToOffer(g.row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas")
);
const records = offers.map((o) => labelWithRules(o).record);

Deno.test("theme fold scores: per fold and overall, against the truth given", async () => {
  const Y = themeMatrix(records);
  const folds = iterativeStratifiedFolds(Y, 3, 1);
  const cv = await crossValidate(new ThemeModel({ charNgrams: null, thresholdFolds: 0 }), {
    offers,
    labels: records,
  }, folds);
  const s = themeFoldScores(cv, Y);
  assert.deepEqual(s.folds.map((f) => f.fold), [0, 1, 2]);
  assert.equal(s.folds.reduce((a, f) => a + f.size, 0), 120);
  assert.ok(s.scores.micro.f1 > 0.5, String(s.scores.micro.f1));
  assert.equal(themeFoldScores(cv, cv.predictions).scores.micro.f1, 1, "scored against its own decisions");
});

Deno.test("every model has the one shape: options in the constructor, fit returns it, predict on offers, clone unfitted, save and load alike", async () => {
  const dir = await tempDir();
  const vectors = vectorTable(
    offers,
    offers.map((o) => Float32Array.from({ length: 8 }, (_, d) => (o.text.length >> d) & 1)),
  );
  const models: [string, Estimator<unknown>][] = [
    ["themes", new ThemeModel({ charNgrams: null, thresholdFolds: 0 })],
    ["themes", new ThemeStack({ innerFolds: 3 })],
    ["bulk", new BulkModel({ bits: 12, thresholdFolds: 0 })],
    ["soft-skills", new SkillCodeModel({ innerFolds: 3 })],
    ["soft-skills", new SoftSkillDetector()],
    ["soft-skills", new EvidenceLookup()],
    ["head", new MlpHead(vectors, { epochs: 2 })],
  ];
  const train = offers.slice(0, 90), test = offers.slice(90);
  for (const [role, model] of models) {
    assert.equal(roleOf(model), role);
    assert.throws(
      () => model.predict(test),
      /not fitted: call fit\(offers, labels\) first/,
      `${model.kind} refuses to predict before fit`,
    );
    const clone = model.clone();
    const fitted = await model.fit(train, records.slice(0, 90) as Labels[]);
    assert.equal(fitted, model, `${model.kind}: fit returns the model`);
    assert.throws(() => clone.predict(test), /not fitted/, `${model.kind}: a clone is not fitted`);
    const p = model.predictProba(test);
    assert.equal(p.length, test.length);
    assert.ok(p.every((row) => row.every((x) => x >= 0 && x <= 1)), `${model.kind}: probabilities in [0, 1]`);
    assert.equal(model.predict(test).length, test.length);
    const folder = `${dir}/${model.kind}`;
    await saveModel(folder, model as never, cardOf(model.kind, role as ModelRole, 90));
    assert.ok(await hasModel(folder, roleOf(model)));
    const { model: loaded, card } = await loadModel(folder, roleOf(model), { vectors });
    assert.equal(card.task, role);
    assert.deepEqual(loaded.predict(test), model.predict(test), `${model.kind}: reloads identically`);
    assert.equal(loaded.kind, model.kind);
  }
  await assert.rejects(loadModel(`${dir}/theme-model`, "bulk"), /bulk\.json not found/);
  await Deno.copyFile(`${dir}/bulk-model/bulk.json`, `${dir}/theme-model/bulk.json`);
  await Deno.copyFile(`${dir}/bulk-model/bulk-card.json`, `${dir}/theme-model/bulk-card.json`);
  await assert.rejects(loadModel(`${dir}/theme-model`, "bulk"), /bulk\.weights\.f32: cannot be read/);
});

Deno.test("a model kind registered with its loader saves and loads through the same files; an unregistered kind is refused by name", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jobs-registry-" });
  class ConstantThemes {
    readonly kind = "constant-themes-test";
    constructor(readonly share: number) {}
    toJSON() {
      return { kind: this.kind, share: this.share };
    }
  }
  assert.throws(
    () => roleOf(new ConstantThemes(0.5)),
    /no file layout for a model of kind "constant-themes-test"/,
  );
  registerModelKind("constant-themes-test", {
    role: "themes",
    load: (json) => new ConstantThemes(json.share) as never,
  });
  assert.equal(roleOf(new ConstantThemes(0.5)), "themes");
  const card = cardOf("constant", "themes", 0);
  await saveModel(`${dir}/constant`, new ConstantThemes(0.25) as never, card);
  const { model } = await loadModel(`${dir}/constant`, "themes");
  assert.ok(model instanceof ConstantThemes);
  assert.equal((model as unknown as ConstantThemes).share, 0.25);
  await Deno.writeTextFile(`${dir}/constant/model.json`, JSON.stringify({ kind: "unknown-kind" }));
  await Deno.writeTextFile(`${dir}/constant/card.json`, JSON.stringify({ ...card, files: {} }));
  await assert.rejects(
    loadModel(`${dir}/constant`, "themes"),
    /model\.json is not a theme model \(kind "unknown-kind"\)/,
  );
});
