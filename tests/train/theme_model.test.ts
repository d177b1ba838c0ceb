import assert from "node:assert/strict";
import { ThemeModel } from "../../lib/train/theme_model.ts";
import { themeCrossValidation } from "../../lib/train/experiments.ts";
import { loadModel, saveModel } from "../../lib/train/model_files.ts";
import { main } from "../../lib/cli/main.ts";
import { predictFile } from "../../lib/bulk/predict_file.ts";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import { labelWithRules } from "../../lib/labelling/rules.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { writeGeneratedCorpus } from "../../lib/corpus/write.ts";
import { tempDir, themeLabels } from "../_helpers.ts";

const offers = Array.from(
  { length: 360 },
  (_, i) =>
    rowToOffer(generateOffer(31, i).row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas"),
);
const records = offers.map((o) => labelWithRules(o).record);
const teacher = records.map((r) => THEMES.map((t) => r.themes[t] >= 50));

Deno.test("the distilled model learns the teacher's themes and generalises to unseen offers", () => {
  const model = new ThemeModel({ charNgrams: null }).fit(offers.slice(0, 260), records.slice(0, 260));
  const predicted = model.predict(offers.slice(260));
  let agree = 0, majority = 0;
  predicted.forEach((p, i) => p.forEach((v, c) => (agree += v === teacher[260 + i][c] ? 1 : 0)));
  for (let c = 0; c < 6; c++) {
    const positives = teacher.slice(260).filter((y) => y[c]).length;
    majority += Math.max(positives, 100 - positives);
  }
  assert.ok(
    agree / 600 > majority / 600 + 0.08,
    `agreement with the teacher on unseen offers ${agree / 600} vs majority ${majority / 600}`,
  );
  assert.ok(model.thresholds.every((t) => t > 0 && t < 1));
});

Deno.test("cross-validation reports folds and out-of-fold scores", async () => {
  const cv = await themeCrossValidation(new ThemeModel({ charNgrams: null, thresholdFolds: 0 }), {
    offers,
    labels: themeLabels(teacher),
  }, { k: 3 });
  assert.equal(cv.folds.length, 3);
  assert.equal(cv.folds.reduce((a, f) => a + f.size, 0), 360);
  assert.ok(cv.scores.micro.f1 > 0.7, String(cv.scores.micro.f1));
  assert.equal(cv.probabilities.length, 360);
});

Deno.test("a saved model loads back with bit-identical predictions, and a tampered file is refused", async () => {
  const dir = await tempDir();
  for (const features of ["tfidf", "hashing"] as const) {
    const model = new ThemeModel({ features, bits: 14, thresholdFolds: 0 }).fit(
      offers.slice(0, 200),
      records.slice(0, 200),
    );
    const card = {
      name: "t",
      task: "themes" as const,
      created: "now",
      code_commit: "x",
      data: {
        offers_file: "f",
        offers: 200,
        labels_file: "l",
        label_source: "rules",
        min_confidence: 80,
        labels_used: 200,
      },
      hyperparameters: {},
      metrics: {},
    };
    await saveModel(`${dir}/${features}`, model, card);
    const { model: loaded, card: saved } = await loadModel(`${dir}/${features}`, "themes");
    assert.ok(loaded instanceof ThemeModel);
    assert.deepEqual(loaded.predictProba(offers.slice(200)), model.predictProba(offers.slice(200)), features);
    assert.match(saved.files!["model.json"], /^[0-9a-f]{64}$/);
  }
  await Deno.writeTextFile(
    `${dir}/tfidf/model.json`,
    (await Deno.readTextFile(`${dir}/tfidf/model.json`)).replace("0.5", "0.6"),
  );
  await assert.rejects(() => loadModel(`${dir}/tfidf`, "themes"), /does not match its model card/);
});

Deno.test("jobs train then jobs predict on a JOCAS file with codebook-format labels", async () => {
  const dir = await tempDir();
  const { out } = await writeGeneratedCorpus({ n: 200, seed: 33, out: `${dir}/jocas.csv` });
  const { loadOffers } = await import("../../lib/corpus/load.ts");
  const loaded = (await loadOffers(out)).offers;
  await Deno.writeTextFile(
    `${dir}/labels.jsonl`,
    loaded.map((o) => JSON.stringify(labelWithRules(o).record)).join("\n") + "\n",
  );
  const log = console.log;
  let printed = "";
  console.log = (s: string) => (printed += s);
  try {
    assert.equal(
      await main([
        "train",
        "--task",
        "themes",
        "--offers",
        out,
        "--labels",
        `${dir}/labels.jsonl`,
        "--min-confidence",
        "0",
        "--out",
        `${dir}/model`,
        "--folds",
        "3",
      ]),
      0,
    );
  } finally {
    console.log = log;
  }
  const result = JSON.parse(printed);
  assert.equal(result.labels_used, 200);
  assert.equal(result.cv.folds, 3);
  assert.equal(result.variant, "stack", "the default is the scoreboard's best");
  assert.ok(result.f1_micro > 0.5);
  const card = JSON.parse(await Deno.readTextFile(`${dir}/model/card.json`));
  assert.equal(card.data.min_confidence, 0);
  assert.ok(card.code_commit);
  assert.equal(await main(["predict", "--model", `${dir}/model`, out, "--out", `${dir}/pred.jsonl`]), 0);
  const lines = (await Deno.readTextFile(`${dir}/pred.jsonl`)).trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines.length, 200);
  assert.equal(lines[0].id, loaded[0].id, "the source's own id (ID_JOCAS)");
  assert.deepEqual(Object.keys(lines[0].themes), [...THEMES]);
  assert.equal(typeof lines[0].themes.CAREER.probability, "number");
  for (const s of lines.flatMap((l) => l.soft_skills)) {
    assert.deepEqual(Object.keys(s), ["code_ogr", "start", "end", "text", "score"]);
  }
  console.log = () => {};
  try {
    assert.equal(
      await main([
        "train",
        "--task",
        "soft-skills",
        "--offers",
        out,
        "--labels",
        `${dir}/labels.jsonl`,
        "--min-confidence",
        "0",
        "--out",
        `${dir}/model`,
        "--folds",
        "2",
      ]),
      0,
    );
  } finally {
    console.log = log;
  }
  const skillsCard = JSON.parse(await Deno.readTextFile(`${dir}/model/skills-card.json`));
  assert.equal(skillsCard.task, "soft-skills");
  assert.ok(skillsCard.metrics.span_f1 > 0.5);
  assert.equal(await main(["predict", "--model", `${dir}/model`, out, "--out", `${dir}/pred2.jsonl`]), 0);
  const withDetector = (await Deno.readTextFile(`${dir}/pred2.jsonl`)).trim().split("\n").map((l) =>
    JSON.parse(l)
  );
  assert.ok(
    withDetector.some((l) => l.soft_skills.some((s: { score: number }) => s.score > 0 && s.score < 1)),
    "scores come from the learnt detector",
  );
  assert.ok(skillsCard.metrics.codes_f1_micro > 0.5);
  assert.equal(skillsCard.hyperparameters.variant, "offer-level model (SkillCodeModel)");
  assert.equal(
    await main([
      "train",
      "--task",
      "skills",
      "--offers",
      out,
      "--labels",
      `${dir}/labels.jsonl`,
      "--out",
      `${dir}/m2`,
    ]),
    2,
  );
  // a folder holding only a soft-skill model: themes from the teacher, soft skills from the model
  await Deno.mkdir(`${dir}/skills-only`);
  for (const f of ["skills.json", "skills-card.json"]) {
    await Deno.copyFile(`${dir}/model/${f}`, `${dir}/skills-only/${f}`);
  }
  assert.equal(
    await main(["predict", "--model", `${dir}/skills-only`, out, "--out", `${dir}/pred3.jsonl`]),
    0,
  );
  const skillsOnly = (await Deno.readTextFile(`${dir}/pred3.jsonl`)).trim().split("\n").map((l) =>
    JSON.parse(l)
  );
  assert.equal(skillsOnly.length, 200);
  assert.deepEqual(skillsOnly.map((l) => l.soft_skills), withDetector.map((l) => l.soft_skills));
  await Deno.mkdir(`${dir}/empty`);
  await assert.rejects(
    () => predictFile({ model: `${dir}/empty`, offers: out }),
    /holds no model: expected model\.json .* skills\.json/,
  );
});
