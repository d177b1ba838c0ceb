import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import { openRunCorpus } from "../../lib/corpus/default_corpus.ts";
import { distillationSets } from "../../lib/train/distillation.ts";
import { SoftSkillDetector } from "../../lib/train/soft_skills.ts";
import { pickedCodeScores, recruiterCheck, spansAgainstTruth } from "../../lib/evaluate/soft_skill_checks.ts";
import { confusionByClass, precisionRecallByClass } from "../../lib/evaluate/calibration.ts";
import { SURE } from "../../lib/base/vocabulary.ts";
import { tempDir } from "../_helpers.ts";

Deno.test("stage 6's sets: the sample taught by the rules, its sure part with truth, the unseen rest; the detector and teacher against the truth", async () => {
  const config = { ...loadConfig({}), dataDir: await tempDir(), corpusSize: 300, seed: 7 };
  const corpus = await openRunCorpus(config);
  const d = await distillationSets(config, corpus);
  assert.equal(d.sample.offers.length + d.unseen.offers.length, corpus.offers.length);
  const ids = new Set(d.sample.offers.map((o) => o.id));
  assert.ok(d.unseen.offers.every((o) => !ids.has(o.id)), "no offer in both");
  assert.ok(d.sure.labels.every((r) => r.overall_confidence >= SURE) && d.sure.offers.length > 50);
  assert.equal(d.sure.offers.length, d.sample.teacher.filter((r) => r.overall_confidence >= SURE).length);
  assert.deepEqual(d.sure.truth!.map((r) => r.id), d.sure.offers.map((o) => o.id));
  assert.equal(d.unseen.teacher.length, d.unseen.offers.length);
  const detector = new SoftSkillDetector().fit(d.sure.offers, d.sure.labels);
  const rows = spansAgainstTruth(detector, d.unseen.offers, d.unseen.truth!, d.unseen.teacher);
  assert.deepEqual(rows.map((r) => r.model), ["detector (trained on teacher spans)", "teacher (rules)"]);
  assert.ok(rows.every((r) => r.F1 > 0.5 && r.F1 <= 1), JSON.stringify(rows));
});

Deno.test("codes against picks: pooled precision and recall; confusion and precision-recall per class", () => {
  assert.deepEqual(pickedCodeScores([["a", "b"], ["c"], []], [["a"], ["c", "d"], ["e"]]), {
    precision: 2 / 4,
    recall: 2 / 3,
  });
  assert.deepEqual(pickedCodeScores([], []), { precision: 0, recall: 0 });
  const rows = confusionByClass([[true, false], [false, false]], [[true, true], [false, false]], ["X", "Y"]);
  assert.deepEqual(rows, [{ class: "X", tp: 1, fp: 0, fn: 0, tn: 1 }, {
    class: "Y",
    tp: 0,
    fp: 0,
    fn: 1,
    tn: 1,
  }]);
  const pr = precisionRecallByClass([[0.9, 0.2], [0.1, 0.8]], [[true, false], [false, true]], ["X", "Y"]);
  assert.deepEqual(pr.map((p) => [p.class, p.averagePrecision]), [["X", 1], ["Y", 1]]);
});

const shared = loadConfig();
Deno.test({
  name:
    "the offer-level model and the teacher against the recruiters' own picks on real offers (needs ../shared)",
  ignore: !shared.realData || !shared.referenceLabels,
  fn: async () => {
    const check = (await recruiterCheck(shared))!;
    assert.ok(check.offers > 100, `${check.offers} judged offers`);
    for (const s of [check.detector, check.teacher]) {
      assert.ok(s.precision > 0 && s.precision < 1 && s.recall > 0 && s.recall < 1, JSON.stringify(s));
    }
    assert.equal(await recruiterCheck({ ...shared, realData: null }), null);
  },
});
