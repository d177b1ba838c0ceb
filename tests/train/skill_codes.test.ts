import assert from "node:assert/strict";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import type { LabelRecord } from "../../lib/labelling/records.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { EvidenceLookup, SkillCodeModel } from "../../lib/train/skill_codes.ts";
import { codesOf } from "../../lib/base/labels.ts";
import { SKILL_CODES } from "../../lib/base/vocabulary.ts";
import { Random } from "../../lib/base/random.ts";

// A soft skill the rule teacher has no cue for ("minutie pointilleuse" for rigour), so only learning can find it.
const FILLER = [
  "Vous rejoignez une équipe de techniciens.",
  "Poste basé à Lyon, en CDI.",
  "Missions : entretien des machines et suivi des stocks.",
  "Horaires du lundi au vendredi.",
];
function offerWith(k: number, asked: boolean, variant = "une minutie pointilleuse") {
  const r = new Random(k);
  const text = [
    r.pick(FILLER),
    r.pick(FILLER),
    asked ? `Profil : nous attendons de vous ${variant} au quotidien.` : "Profil : titulaire du permis B.",
    r.pick(FILLER),
  ].join("\n");
  const offer = { ...emptyOffer(`o${k}`, "generic"), title: "Technicien de maintenance", text };
  const record: LabelRecord = {
    source: "test",
    id: offer.id,
    themes: Object.fromEntries(THEMES.map((t) => [t, 5])) as LabelRecord["themes"],
    soft_skills: asked ? [{ code_ogr: "300490", evidence: "minutie pointilleuse", confidence: 90 }] : [],
    overall_confidence: 90,
  };
  return { offer, record };
}
const train = Array.from({ length: 80 }, (_, k) => offerWith(k, k % 2 === 0));

Deno.test("evidence lookup: the training evidence found again in other forms, with its span", () => {
  const lookup = new EvidenceLookup().fit(train.map((x) => x.offer), train.map((x) => x.record));
  const plural = offerWith(1001, true, "des Minuties pointilleuses");
  const [decided] = lookup.predict([plural.offer]);
  assert.deepEqual(decided.map((d) => d.code_ogr), ["300490"]);
  assert.equal(plural.offer.text.slice(decided[0].start!, decided[0].end!), "Minuties pointilleuses");
  assert.deepEqual(lookup.predict([offerWith(1002, false).offer]), [[]]);
  assert.deepEqual(lookup.predictProba([plural.offer])[0], SKILL_CODES.map((c) => (c === "300490" ? 1 : 0)));
  assert.deepEqual(
    EvidenceLookup.fromJSON(JSON.parse(JSON.stringify(lookup.toJSON()))).predict([plural.offer]),
    [decided],
    "reloads identically",
  );
  assert.deepEqual(codesOf(train[0].record), SKILL_CODES.map((c) => c === "300490"));
});

Deno.test("offer-level model: learns a soft skill the teacher does not know, from evidence and its parts, and says where", () => {
  const model = new SkillCodeModel().fit(train.map((x) => x.offer), train.map((x) => x.record));
  const tests = Array.from(
    { length: 40 },
    (_, k) => offerWith(2000 + k, k % 2 === 0, k % 4 === 0 ? "de la minutie" : "une minutie pointilleuse"),
  );
  let right = 0;
  for (const { offer, record } of tests) {
    const [decided] = model.predict([offer]);
    const asked = record.soft_skills.length > 0;
    if (asked === decided.some((d) => d.code_ogr === "300490")) right++;
    for (const d of decided) {
      if (d.start !== null) {
        assert.match(
          offer.text.slice(d.start, d.end!),
          /minutie/i,
          "the span is the phrase that carried the decision",
        );
      }
    }
  }
  assert.ok(right >= 38, `${right} of 40 offers decided right`);
  assert.equal(model.thresholds.length, SKILL_CODES.length);
  const reloaded = SkillCodeModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  assert.deepEqual(
    reloaded.predict(tests.map((t) => t.offer)),
    model.predict(tests.map((t) => t.offer)),
    "reloads identically",
  );
  const scores = model.predictProba([tests[0].offer])[0];
  assert.equal(scores.length, SKILL_CODES.length);
  assert.ok(
    scores[SKILL_CODES.indexOf("300490")] >= model.thresholds[SKILL_CODES.indexOf("300490")],
    "the decided code's score is at or above its threshold",
  );
  assert.throws(
    () =>
      new SkillCodeModel().fit(
        train.slice(0, 10).map((x) => x.offer),
        train.slice(0, 10).map((x) => x.record),
      ),
    /too few for 4 inner folds/,
  );
});

Deno.test("offer-level model: per code, the best sentence, a code's own bias and its own weights join the combiner; models saved before them load as they were", () => {
  const fitted = (options: ConstructorParameters<typeof SkillCodeModel>[0]) =>
    new SkillCodeModel(options).fit(train.map((x) => x.offer), train.map((x) => x.record));
  const model = fitted({});
  assert.equal(model.options.perCode, true);
  assert.equal(model.options.perCodeWeights, true);
  assert.equal(model.toJSON().combiner.dimension, 6 + 1 + SKILL_CODES.length + 4 * SKILL_CODES.length);
  assert.equal(fitted({ perCodeWeights: false }).toJSON().combiner.dimension, 6 + 1 + SKILL_CODES.length);
  const probe = offerWith(3000, true).offer;
  // cards written before each option existed: the option is absent from the saved options
  for (
    const [absent, options] of [["perCode", { perCode: false, perCodeWeights: false }], ["perCodeWeights", {
      perCodeWeights: false,
    }]] as const
  ) {
    const before = fitted(options);
    const { [absent]: _, ...oldOptions } = before.toJSON().options;
    const old = SkillCodeModel.fromJSON(
      JSON.parse(JSON.stringify({ ...before.toJSON(), options: oldOptions })),
    );
    assert.equal(old.options[absent], false);
    assert.deepEqual(
      old.predictProba([probe]),
      before.predictProba([probe]),
      `saved before ${absent}: scores as it did`,
    );
  }
});
