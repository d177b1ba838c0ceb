import assert from "node:assert/strict";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import { truthRecords } from "../../lib/corpus/truth.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { themeMatrix } from "../../lib/base/labels.ts";
import { errorCountRows, errorRows, themeErrors } from "../../lib/evaluate/error_analysis.ts";
import { familyOf } from "../../lib/evaluate/scoreboard.ts";
import { groupedFolds } from "../../lib/stats/cv.ts";
import { crossValidate } from "../../lib/train/estimator.ts";
import { ThemeStack } from "../../lib/train/theme_stack.ts";

Deno.test("theme errors: per theme the misses and false alarms on held-out families add up with the hits to the truth, each example quoting a sentence of its offer", async () => {
  const generated = Array.from({ length: 240 }, (_, i) => generateOffer(23, i));
  const offers = generated.map((g) =>
    rowToOffer(g.row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas")
  );
  const records = truthRecords(new Map(offers.map((o, i) => [o.id, generated[i].truth])), offers);
  // flip a tenth of the CAREER labels: errors the model must then make
  const noisy = records.map((
    r,
    i,
  ) => (i % 10 === 0 ? { ...r, themes: { ...r.themes, CAREER: 100 - r.themes.CAREER } } : r));
  const folds = groupedFolds(offers.map(familyOf), 4);
  const { counts, examples } = await themeErrors({ offers, records: noisy }, folds, { examples: 3 });
  const truth = themeMatrix(noisy);
  assert.deepEqual(counts.map((c) => c.theme), [...THEMES]);
  for (const c of counts) {
    assert.equal(c.support, truth.filter((y) => y[THEMES.indexOf(c.theme as never)]).length, c.theme);
    assert.equal(c.tp + c.missed, c.support, c.theme);
    assert.ok(c.worstFamilies.every((f) => f.missed + f.falseAlarms > 0) && c.worstFamilies.length <= 5);
  }
  const career = counts.find((c) => c.theme === "CAREER")!;
  assert.ok(
    career.missed + career.falseAlarms >= 10,
    `the flipped labels show up: ${JSON.stringify(career)}`,
  );
  const byId = new Map(offers.map((o) => [o.id, o]));
  for (const e of examples) {
    assert.ok(
      e.kind === "missed" ? e.probability < e.threshold : e.probability >= e.threshold,
      JSON.stringify(e),
    );
    if (e.from !== "none") {
      assert.ok(
        byId.get(e.id)!.text.includes(e.sentence.replace(/…$/, "")),
        `${e.sentence} is in offer ${e.id}`,
      );
    }
  }
  assert.ok(examples.filter((e) => e.theme === "CAREER" && e.kind === "missed").length <= 3);
  assert.deepEqual(Object.keys(errorRows(examples)[0]), [
    "theme",
    "error",
    "offer",
    "p / threshold",
    "sentence",
    "from",
  ]);
  assert.deepEqual(errorCountRows(counts).map((r) => r.missed), counts.map((c) => c.missed));
  // the models the scoreboard already fitted on these folds give the same analysis, with nothing fitted again
  const cv = await crossValidate(new ThemeStack(), { offers, labels: noisy }, folds, { keepModels: true });
  let fits = 0;
  const again = await themeErrors({ offers, records: noisy }, folds, {
    examples: 3,
    fitted: cv.models as ThemeStack[],
    model: () => (fits++, new ThemeStack()),
  });
  assert.equal(fits, 0);
  assert.deepEqual(again, { counts, examples });
});
