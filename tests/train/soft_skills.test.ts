import assert from "node:assert/strict";
import { SoftSkillDetector, wordTokens } from "../../lib/train/soft_skills.ts";
import { crossValidate } from "../../lib/train/estimator.ts";
import { Random } from "../../lib/base/random.ts";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import { asSpans, spanScores } from "../../lib/stats/metrics.ts";
import { hasModel, loadModel, saveModel } from "../../lib/train/model_files.ts";
import { FT_QUALITY_CODES, readRecruiterQualities } from "../../lib/labelling/recruiter.ts";
import { SOFT_SKILLS } from "../../lib/base/vocabulary.ts";
import { tempDir, writeFixture } from "../_helpers.ts";

const generated = Array.from({ length: 260 }, (_, i) => generateOffer(41, i));
const offers = generated.map((g) =>
  rowToOffer(g.row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas")
);
const spans = generated.map((g) =>
  g.truth.soft_skills.map((s) => ({ code_ogr: s.code_ogr, start: s.start, end: s.end }))
);
const labels = spans.map((list) => ({
  themes: {} as never,
  soft_skills: list.map((s) => ({ ...s, evidence: "", confidence: 100 })),
}));
const asScored = (list: { code_ogr: string; start: number; end: number }[][]) => list.map(asSpans);

Deno.test("words carry their offsets and sentence numbers", () => {
  const t = wordTokens("Vous êtes rigoureux.\nL'esprit d'équipe compte");
  assert.deepEqual(t.map((x) => [x.lower, x.start, x.sentence]), [
    ["vous", 0, 0],
    ["êtes", 5, 0],
    ["rigoureux", 10, 0],
    ["l'esprit", 21, 1],
    ["d'équipe", 30, 1],
    ["compte", 39, 1],
  ]);
});

Deno.test("the detector finds soft-skill spans with their ROME code in unseen offers", () => {
  const detector = new SoftSkillDetector().fit(offers.slice(0, 200), labels.slice(0, 200));
  const predicted = detector.predict(offers.slice(200));
  const s = spanScores(asScored(spans.slice(200)), asScored(predicted));
  assert.ok(s.f1 > 0.85, `span F1 ${s.f1}`);
  for (const [i, list] of predicted.entries()) {
    for (const p of list) assert.equal(offers[200 + i].text.slice(p.start, p.end), p.text);
  }
  const json = JSON.parse(JSON.stringify(detector.toJSON()));
  assert.deepEqual(
    SoftSkillDetector.fromJSON(json).predict([offers[201]]),
    detector.predict([offers[201]]),
    "reloads identically",
  );
  const best = detector.predictProba([offers[201]])[0];
  for (const found of predicted[1]) {
    assert.ok(
      best[SOFT_SKILLS.findIndex((s) => s.code === found.code_ogr)] >= found.score,
      "predictProba: each code's best span score",
    );
  }
});

Deno.test("cross-validated detection and saved detector with a checked hash", async () => {
  const folds = new Random(42).shuffle(offers.slice(0, 120).map((_, i) => i)).reduce(
    (f, i, r) => ((f[i] = r % 3), f),
    new Array<number>(120),
  );
  const { predictions: predicted } = await crossValidate(
    new SoftSkillDetector(),
    { offers: offers.slice(0, 120), labels: labels.slice(0, 120) },
    folds,
    { probabilities: false },
  );
  assert.equal(predicted.length, 120);
  assert.ok(spanScores(asScored(spans.slice(0, 120)), asScored(predicted)).f1 > 0.7);
  const dir = await tempDir();
  const detector = new SoftSkillDetector().fit(offers.slice(0, 80), labels.slice(0, 80));
  const card = {
    name: "s",
    task: "soft-skills" as const,
    created: "now",
    code_commit: "x",
    data: {
      offers_file: "f",
      offers: 80,
      labels_file: "l",
      label_source: "truth",
      min_confidence: 0,
      labels_used: 80,
    },
    hyperparameters: {},
    metrics: {},
  };
  await saveModel(dir, detector, card);
  const loaded = await loadModel(dir, "soft-skills");
  assert.ok(loaded.model instanceof SoftSkillDetector);
  assert.deepEqual(loaded.model.predict([offers[90]]), detector.predict([offers[90]]));
  assert.equal(await hasModel(`${dir}/nothing`, "soft-skills"), false);
  await assert.rejects(
    loadModel(`${dir}/nothing`, "soft-skills"),
    /skills\.json not found: .* holds no soft-skill model/,
  );
});

Deno.test("recruiters' qualities map to ROME codes; unknown wordings are reported", async () => {
  assert.equal(new Set(Object.values(FT_QUALITY_CODES)).size, 16);
  for (const code of Object.values(FT_QUALITY_CODES)) assert.ok(SOFT_SKILLS.some((s) => s.code === code));
  const dir = await tempDir();
  const path = await writeFixture(
    dir,
    "ft.jsonl",
    [
      JSON.stringify({
        id: "A",
        qualitesProfessionnelles: [{ libelle: "Travailler en équipe" }, {
          libelle: "Faire preuve d'autonomie",
        }],
      }),
      JSON.stringify({ id: "B" }),
      JSON.stringify({ id: "C", qualitesProfessionnelles: [{ libelle: "Savoir nager" }] }),
    ].join("\n"),
  );
  const { qualities, unknown } = await readRecruiterQualities(path);
  assert.deepEqual(qualities.get("A"), ["300465", "300460"]);
  assert.equal(qualities.has("B"), false);
  assert.deepEqual(unknown, ["Savoir nager"]);
});
