import assert from "node:assert/strict";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import { reliability } from "../../lib/evaluate/calibration.ts";
import { multilabelScores } from "../../lib/stats/metrics.ts";
import { labelWithRules } from "../../lib/labelling/rules.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { ThemeStack } from "../../lib/train/theme_stack.ts";
import { themeLabels } from "../_helpers.ts";

const generated = Array.from({ length: 400 }, (_, i) => generateOffer(17, i));
const offers = generated.map((g) =>
  rowToOffer(g.row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas")
);
const truth = generated.map((g) => THEMES.map((t) => g.truth.themes.includes(t)));
const labels = themeLabels(truth);

Deno.test("theme stack: the teacher's confidences and the text model combined do at least as well as the teacher on unseen offers", () => {
  const model = new ThemeStack().fit(offers.slice(0, 300), labels.slice(0, 300));
  const test = offers.slice(300);
  const stack = multilabelScores(truth.slice(300), model.predict(test), THEMES);
  const teacher = multilabelScores(
    truth.slice(300),
    test.map((o) => {
      const r = labelWithRules(o).record;
      return THEMES.map((t) => r.themes[t] >= 50);
    }),
    THEMES,
  );
  assert.ok(
    stack.micro.f1 >= teacher.micro.f1 - 0.01 && stack.micro.f1 > 0.85,
    `stack ${stack.micro.f1.toFixed(3)}, teacher ${teacher.micro.f1.toFixed(3)}`,
  );
  const p = model.predictProba(test.slice(0, 3));
  assert.ok(p.every((row) => row.length === THEMES.length && row.every((x) => x >= 0 && x <= 1)));
  assert.deepEqual(
    ThemeStack.fromJSON(JSON.parse(JSON.stringify(model.toJSON()))).predictProba(test.slice(0, 20)),
    model.predictProba(test.slice(0, 20)),
    "reloads identically",
  );
  assert.deepEqual(
    new ThemeStack().fit(offers.slice(0, 300), labels.slice(0, 300)).predict(test.slice(0, 20)),
    model.predict(test.slice(0, 20)),
    "seeded",
  );
});

Deno.test("theme stack: its probabilities are calibrated on unseen offers, and a stack saved by the earlier format is refused with the command to retrain", () => {
  const model = new ThemeStack().fit(offers.slice(0, 300), labels.slice(0, 300));
  const test = offers.slice(300);
  const { ece } = reliability(model.predictProba(test).flat(), truth.slice(300).flat(), 10);
  assert.ok(ece < 0.06, `ECE ${ece.toFixed(3)}`);
  const { calibrators: _, ...old } = model.toJSON();
  assert.throws(
    () => ThemeStack.fromJSON(old as ReturnType<ThemeStack["toJSON"]>),
    /before calibration.*jobs train --task themes/,
  );
});

Deno.test("theme stack with sentences: the text model's best sentence read alone is a third feature of each combiner; saved and reloaded alike", () => {
  const model = new ThemeStack({ sentences: true }).fit(offers.slice(0, 300), labels.slice(0, 300));
  const test = offers.slice(300);
  const scores = multilabelScores(truth.slice(300), model.predict(test), THEMES);
  assert.ok(scores.micro.f1 > 0.85, `stack with sentences ${scores.micro.f1.toFixed(3)}`);
  const json = model.toJSON();
  assert.equal(json.combiners[0].dimension, 3, "teacher, text, best sentence");
  assert.deepEqual(
    ThemeStack.fromJSON(JSON.parse(JSON.stringify(json))).predictProba(test.slice(0, 20)),
    model.predictProba(test.slice(0, 20)),
  );
  const best = model.text.sentenceMax([{
    text: "Poste en CDI à Lyon. Télétravail possible deux jours par semaine.",
  }, { text: "" }]);
  const wlb = THEMES.indexOf("WORK_LIFE_BALANCE");
  assert.ok(
    best[0][wlb] >=
      model.text.predictProba([{ title: "", text: "Télétravail possible deux jours par semaine." }])[0][wlb] -
        1e-12,
    "the max over sentences holds the telework one",
  );
  assert.deepEqual(best[1], THEMES.map(() => 0), "no sentence, no evidence");
});
