import assert from "node:assert/strict";
import { bulkMatrix, BulkModel, bulkOutputs, MIN_SKILL_POSITIVES } from "../../lib/train/bulk_model.ts";
import { loadModel, saveModel } from "../../lib/train/model_files.ts";
import { tempDir, textOffers, themeLabels } from "../_helpers.ts";

const WLB = [
  "Télétravail possible deux jours par semaine.",
  "Horaires flexibles et télétravail partiel.",
  "Équilibre vie pro vie perso, télétravail.",
];
const PAY = [
  "Salaire attractif, prime annuelle et mutuelle.",
  "Rémunération fixe plus prime, tickets restaurant.",
  "Prime de fin d'année et mutuelle prise en charge.",
];
const offers = textOffers(
  Array.from({ length: 60 }, (_, i) => (i % 2 ? WLB : PAY)[i % 3] + ` Poste numéro ${i}.`),
);
// themes in THEMES order: PAY_BENEFITS is column 1, WORK_LIFE_BALANCE column 5
const labels = themeLabels(offers.map((_, i) => [false, i % 2 === 0, false, false, false, i % 2 === 1]));

Deno.test("the bulk model learns separable outputs and tunes a threshold per output", () => {
  const model = new BulkModel({ bits: 12 }).fit(offers, labels);
  assert.deepEqual(model.outputs, [
    "DIVERSITY",
    "PAY_BENEFITS",
    "CAREER",
    "CULTURE_VALUES",
    "LEADERSHIP_MANAGEMENT",
    "WORK_LIFE_BALANCE",
  ], "no soft skill is marked: the themes only");
  const [wlb, pay] = model.predictProba(
    textOffers(["Télétravail et horaires flexibles", "Prime et mutuelle"]),
  );
  assert.ok(wlb[5] > 0.5 && wlb[5] > wlb[1] + 0.3, `WLB text: ${wlb}`);
  assert.ok(pay[1] > 0.5 && pay[1] > pay[5] + 0.3, `PAY text: ${pay}`);
  assert.equal(model.thresholds.length, 6);
  assert.ok(model.thresholds.every((t) => t > 0 && t < 1));
  assert.deepEqual(
    Array.from(model.probabilitiesOf(offers[0])),
    model.predictProba([offers[0]])[0],
    "the fast path gives the same probabilities",
  );
  assert.throws(() => new BulkModel().fit(offers, labels.slice(1)), /60 offers but 59 label records/);
  assert.throws(() => new BulkModel().predict(offers), /not fitted: call fit/);
});

Deno.test("a saved bulk model reloads with identical probabilities; tampered weights are refused", async () => {
  const dir = await tempDir();
  const model = new BulkModel({ bits: 12, thresholdFolds: 0 }).fit(offers, labels);
  const card = {
    name: "t",
    task: "bulk" as const,
    created: "",
    code_commit: "",
    hyperparameters: {},
    metrics: {},
    data: {
      offers_file: "",
      offers: 60,
      labels_file: "",
      label_source: "",
      min_confidence: 0,
      labels_used: 60,
    },
  };
  await saveModel(dir, model, card);
  const { model: again } = await loadModel(dir, "bulk");
  assert.deepEqual(again.predictProba(offers.slice(0, 5)), model.predictProba(offers.slice(0, 5)));
  const bytes = await Deno.readFile(`${dir}/bulk.weights.f32`);
  bytes[100] ^= 1;
  await Deno.writeFile(`${dir}/bulk.weights.f32`, bytes);
  await assert.rejects(loadModel(dir, "bulk"), /does not match/);
  await assert.rejects(
    loadModel(`${dir}/absent`, "bulk"),
    /bulk\.json not found: .* holds no bulk model \(train one with `deno task jobs train --task bulk/,
  );
});

Deno.test("bulk outputs: the themes, then the soft skills marked often enough; targets read at the codebook's cut-off", () => {
  const skill = (code: string, confidence = 90) => ({ code_ogr: code, evidence: "x", confidence });
  const records = themeLabels(Array.from({ length: 10 }, (_, i) => [i < 3, true, false, false, false, false]))
    .map((r, i) => ({
      ...r,
      soft_skills: [
        skill("300460"),
        ...(i < MIN_SKILL_POSITIVES - 1 ? [skill("300490")] : []),
        skill("300412", 30),
      ],
    }));
  const outputs = bulkOutputs(records);
  assert.deepEqual(outputs.slice(6), ["skill:300460"]);
  const Y = bulkMatrix(records, outputs);
  assert.deepEqual(Y[0], [true, true, false, false, false, false, true]);
  assert.deepEqual(Y[9], [false, true, false, false, false, false, true]);
  const fixed = new BulkModel({ bits: 10, thresholdFolds: 0, outputs: [...outputs, "skill:300490"] }).fit(
    textOffers(records.map((_, i) => `offre ${i}`)),
    records,
  );
  assert.equal(fixed.outputs.length, 8, "outputs given in the options are kept, whatever the labels support");
});
