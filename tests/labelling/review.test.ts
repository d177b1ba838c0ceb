import assert from "node:assert/strict";
import { LabelStore } from "../../lib/labelling/store.ts";
import {
  leastSure,
  needsReview,
  saveReviewed,
  storeReferenceLabels,
  storeTeacherLabels,
} from "../../lib/labelling/review.ts";
import { annotatorsAgainst, spanAgreement, themePrevalence } from "../../lib/labelling/compare.ts";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import type { LabelRecord } from "../../lib/labelling/records.ts";
import { tempDir } from "../_helpers.ts";

const offer = (id: string) => ({
  ...emptyOffer(id, "generic" as const),
  title: "T",
  text: "Vous êtes rigoureux et autonome.",
});
const record = (id: string, overall: number, wlb: number, span?: [number, number]): LabelRecord => ({
  source: "generic",
  id,
  overall_confidence: overall,
  themes: {
    DIVERSITY: 0,
    PAY_BENEFITS: 0,
    CAREER: 100,
    CULTURE_VALUES: 0,
    LEADERSHIP_MANAGEMENT: 0,
    WORK_LIFE_BALANCE: wlb,
  },
  soft_skills: span
    ? [{ code_ogr: "300490", evidence: "rigoureux", confidence: 90, start: span[0], end: span[1] }]
    : [],
});

Deno.test("the review rule: below the threshold a record is saved to review and queued; the least sure come first", async () => {
  const store = LabelStore.open(`${await tempDir()}/labels.sqlite`);
  const offers = ["a", "b", "c", "d"].map(offer);
  store.upsertOffers(offers);
  assert.equal(needsReview(record("a", 79, 0)), true);
  assert.equal(needsReview(record("a", 80, 0)), false);
  assert.equal(needsReview(record("a", 60, 0), 50), false);
  const records = [record("a", 90, 0), record("b", 40, 52), record("c", 79, 45), record("d", 85, 100)];
  assert.deepEqual(
    leastSure(records, 2).map((r) => r.id),
    ["b", "c"],
    "theme confidences 52 and 45 sit closest to 50",
  );
  const counts = storeTeacherLabels(store, offers, records, { uncertain: 2 });
  assert.deepEqual(counts, { ok: 2, to_review: 2, failed: 0 });
  assert.deepEqual(store.reviewQueue("rules_to_review").map((r) => [r.offer_id, r.reason]), [[
    "b",
    "overall confidence 40 < 80",
  ], ["c", "overall confidence 79 < 80"]]);
  assert.deepEqual(store.reviewQueue("diverse").map((r) => r.offer_id), ["a", "b", "c", "d"]);
  assert.deepEqual(store.reviewQueue("uncertain").map((r) => r.offer_id), ["b", "c"]);
  const set = store.labelSet({ name: "llm:x", kind: "llm", labeller: "x", version: "v" });
  assert.equal(saveReviewed(store, set, record("a", 70, 0), { actor: "llm", queue: null }), true);
  assert.equal(store.record(set, "a")!.status, "to_review");
  assert.equal(store.reviewQueue("llm_to_review").length, 0, "no queue asked: the status only");
  const imported = storeReferenceLabels(store, {
    offers: [offer("e"), offer("f")],
    records: [record("e", 85, 0), record("f", 30, 0)],
  });
  assert.deepEqual(imported, { imported: 2, belowThreshold: 1 });
  assert.equal(
    store.offer("e")?.text,
    "Vous êtes rigoureux et autonome.",
    "the reference offers are stored too",
  );
  store.close();
});

Deno.test("span agreement, prevalence and the human annotators against another source", async () => {
  const truth = [record("a", 100, 100, [10, 19]), record("b", 100, 0, [10, 19])];
  const found = [record("a", 90, 100, [12, 15]), record("b", 90, 0)];
  const s = spanAgreement(found, truth);
  assert.deepEqual([s.precision, s.recall], [1, 0.5], "one overlapping span of the two true ones");
  assert.throws(() => spanAgreement(found, truth.slice(1)), /2 records against 1/);
  assert.deepEqual(themePrevalence(truth), [0, 0, 1, 0, 0, 0.5]);
  assert.deepEqual(themePrevalence([]), [0, 0, 0, 0, 0, 0]);
  const store = LabelStore.open(`${await tempDir()}/labels.sqlite`);
  store.upsertOffers(["a", "b"].map(offer));
  assert.deepEqual(annotatorsAgainst(store, truth), []);
  const alice = store.labelSet({ name: "human:alice", kind: "human", labeller: "alice", version: "v" });
  for (const r of truth) store.saveRecord(alice, r, { actor: "alice" });
  const [row] = annotatorsAgainst(store, truth);
  assert.equal(row.annotator, "alice");
  assert.equal(row.offers, 2);
  assert.equal(row.meanKappa, 1, "the same labels as the source");
  store.saveRecord(alice, record("b", 100, 100, [10, 19]), { actor: "alice" });
  assert.ok(
    annotatorsAgainst(store, truth)[0].meanKappa < 1,
    "one disagreement on WORK_LIFE_BALANCE lowers it",
  );
  store.close();
});
