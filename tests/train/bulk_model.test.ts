import assert from "node:assert/strict";
import { BulkModel, bulkTargets, MIN_SKILL_POSITIVES } from "../../lib/train/bulk_model.ts";
import { loadBulkModel, saveBulkModel } from "../../lib/train/model_files.ts";
import { tempDir } from "../_helpers.ts";

const WLB = ["Télétravail possible deux jours par semaine.", "Horaires flexibles et télétravail partiel.", "Équilibre vie pro vie perso, télétravail."];
const PAY = ["Salaire attractif, prime annuelle et mutuelle.", "Rémunération fixe plus prime, tickets restaurant.", "Prime de fin d'année et mutuelle prise en charge."];
const texts = Array.from({ length: 60 }, (_, i) => (i % 2 ? WLB : PAY)[i % 3] + ` Poste numéro ${i}.`);
const Y = texts.map((_, i) => [i % 2 === 1, i % 2 === 0]);

Deno.test("the bulk model learns separable outputs and tunes a threshold per output", () => {
  const model = BulkModel.train(texts, Y, ["WLB", "PAY"], { bits: 12 });
  const [wlb, pay] = model.predictProba(["Télétravail et horaires flexibles", "Prime et mutuelle"]);
  assert.ok(wlb[0] > 0.5 && wlb[0] > wlb[1] + 0.3, `WLB text: ${wlb}`);
  assert.ok(pay[1] > 0.5 && pay[1] > pay[0] + 0.3, `PAY text: ${pay}`);
  assert.equal(model.thresholds.length, 2);
  assert.ok(model.thresholds.every((t) => t > 0 && t < 1));
  assert.throws(() => BulkModel.train(texts, Y, ["only-one"]), /every label row needs 1 values/);
});

Deno.test("a saved bulk model reloads with identical probabilities; tampered weights are refused", async () => {
  const dir = await tempDir();
  const model = BulkModel.train(texts, Y, ["WLB", "PAY"], { bits: 12, thresholdFolds: 0 });
  const card = { name: "t", task: "bulk" as const, created: "", code_commit: "", hyperparameters: {}, metrics: {}, data: { offers_file: "", offers: 60, labels_file: "", label_source: "", min_confidence: 0, labels_used: 60 } };
  await saveBulkModel(dir, model, card);
  const { model: again } = await loadBulkModel(dir);
  assert.deepEqual(again.predictProba(texts.slice(0, 5)), model.predictProba(texts.slice(0, 5)));
  const bytes = await Deno.readFile(`${dir}/bulk.weights.f32`);
  bytes[100] ^= 1;
  await Deno.writeFile(`${dir}/bulk.weights.f32`, bytes);
  await assert.rejects(loadBulkModel(dir), /does not match/);
  await assert.rejects(loadBulkModel(`${dir}/absent`), /bulk\.json not found: train one with/);
});

Deno.test("bulk targets: the themes, then the soft skills marked often enough", () => {
  const skill = (code: string, confidence = 90) => ({ code_ogr: code, evidence: "x", confidence });
  const records = Array.from({ length: 10 }, (_, i) => ({
    themes: { A: i < 3 ? 80 : 10, B: 50 },
    soft_skills: [skill("300460"), ...(i < MIN_SKILL_POSITIVES - 1 ? [skill("300490")] : []), skill("300412", 30)],
  }));
  const { outputs, Y } = bulkTargets(records, ["A", "B"]);
  assert.deepEqual(outputs, ["A", "B", "skill:300460"]);
  assert.deepEqual(Y[0], [true, true, true]);
  assert.deepEqual(Y[9], [false, true, true]);
});
