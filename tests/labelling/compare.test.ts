import assert from "node:assert/strict";
import { compareSources, disagreements, pairRecords } from "../../lib/labelling/compare.ts";
import { truthRecords } from "../../lib/corpus/truth.ts";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import type { LabelRecord } from "../../lib/labelling/records.ts";
import { loadReference } from "../../lib/labelling/reference.ts";
import { loadConfig } from "../../lib/config.ts";

const rec = (id: string, wlb: number, skill?: string): LabelRecord => ({
  source: "x",
  id,
  overall_confidence: 90,
  themes: {
    DIVERSITY: 0,
    PAY_BENEFITS: 0,
    CAREER: 0,
    CULTURE_VALUES: 0,
    LEADERSHIP_MANAGEMENT: 0,
    WORK_LIFE_BALANCE: wlb,
  },
  soft_skills: skill ? [{ code_ogr: skill, evidence: "e", confidence: 90 }] : [],
});

Deno.test("two sources compare on the offers they share", () => {
  const a = [rec("1", 90, "300490"), rec("2", 10), rec("3", 80), rec("9", 99)];
  const b = [rec("3", 20), rec("2", 10), rec("1", 95, "300490")];
  assert.deepEqual(pairRecords(a, b).map(([x, y]) => [x.id, y.id]), [["1", "1"], ["2", "2"], ["3", "3"]]);
  const c = compareSources(a, b);
  assert.equal(c.offers, 3);
  assert.equal(c.themes.WORK_LIFE_BALANCE.precision, 0.5);
  assert.equal(c.themes.WORK_LIFE_BALANCE.recall, 1);
  assert.equal(c.softSkillMicroF1, 1);
  assert.deepEqual(disagreements(a, b), [{ id: "3", theme: "WORK_LIFE_BALANCE", a: 80, b: 20, gap: 60 }]);
});

Deno.test("the generator's truth reads as label records with spans", () => {
  const { row, truth } = generateOffer(4, 2);
  const offer = rowToOffer(row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas");
  const [r] = truthRecords(new Map([[truth.id, truth]]), [offer]);
  for (const s of r.soft_skills) assert.equal(offer.text.slice(s.start!, s.end!), s.evidence);
  assert.equal(Object.values(r.themes).filter((v) => v === 100).length, truth.themes.length);
  assert.throws(() => truthRecords(new Map(), [offer]), /has no truth/);
});

const config = loadConfig();
Deno.test({
  name: "the reference labels import with every evidence located (needs ../shared)",
  ignore: !config.referenceLabels,
  async fn() {
    const ref = (await loadReference(config))!;
    assert.equal(ref.records.length, 600);
    assert.equal(ref.errors.length, 0);
    assert.equal(ref.missingOffers, 0);
    assert.equal(ref.evidenceNotFound, 0);
    assert.equal(ref.offers[0].id, ref.records[0].id);
  },
});
