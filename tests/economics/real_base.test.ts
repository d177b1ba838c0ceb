/**
 * Stage 9 on a real-layout base (no truth, three months of 2024, reposts,
 * missing fields): labels from the best source, a stratified validation
 * sample queued for labelling, reposts set aside, the Covid comparison
 * declared not testable instead of failing.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import {
  baseLimits,
  prepareLabelledBase,
  VALIDATION_QUEUE,
  validationMessage,
} from "../../lib/economics/base.ts";
import { breakCoverage, errorRates } from "../../lib/economics/covid.ts";
import { bestLabels, describeSources, stratifiedHoldout } from "../../lib/economics/label_sources.ts";
import { economicReading } from "../../lib/economics/reading.ts";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import { LabelStore } from "../../lib/labelling/store.ts";
import { labelWithRules } from "../../lib/labelling/rules.ts";
import { tempDir } from "../_helpers.ts";
import { writeRealLayoutCsv } from "../_real_layout.ts";

Deno.test("a real-layout base: reposts counted once, labels from the store before the teacher, validation queued, no Covid test on three months", async () => {
  const dir = await tempDir();
  const file = `${dir}/jocas.csv`;
  const { repeated } = await writeRealLayoutCsv(file, 300);
  const config = { ...loadConfig({}), data: file, format: "auto" as const, dataDir: `${dir}/data`, seed: 42 };
  const first = await prepareLabelledBase(config, { labelled: 300 });
  assert.equal(first.generated, false);
  assert.equal(first.truth, null);
  assert.ok(
    first.repeated >= repeated,
    `the fixture's ${repeated} reposts at least are set aside (${first.repeated})`,
  );
  assert.equal(first.base.length + first.repeated, first.summary.kept);
  assert.equal(first.validation.against, "none", "the teacher cannot judge the model it taught");
  assert.equal(first.validation.sources!.teacher, first.validation.offers);
  assert.match(
    first.validation.message,
    /^Error rates unknown: .*no LLM, human or reference label yet.*JOBS_LLM_MODEL.*queue "validation"/,
  );
  assert.match(baseLimits(first), /error rates are unknown/);
  for (const e of Object.values(first.validation.errors)) {
    assert.deepEqual(e, { tp: 0, fp: 0, fn: 0 }, "no error counted against the teacher");
  }
  const coverage = breakCoverage(first.base);
  assert.equal(coverage.testable, false);
  assert.match(coverage.reason, /^the offers run from 2024-01 to 2024-03: 0 dated offers before 2020-03/);
  // The validation sample waits in the app's queue; LLM labels saved for it are used next time.
  const store = LabelStore.open(`${config.dataDir}/labels.sqlite`);
  const queued = store.reviewQueue(VALIDATION_QUEUE, "all").map((r) => r.offer_id);
  assert.equal(queued.length, first.validation.offers);
  const llm = store.labelSet({ name: "llm:test", kind: "llm", labeller: "test-model", version: "prompt-v1" });
  for (const id of queued.slice(0, 10)) {
    const record = labelWithRules(store.offer(id)!).record;
    store.saveRecord(llm, { ...record, themes: { ...record.themes, WORK_LIFE_BALANCE: 100 } }, {
      actor: "llm",
    });
  }
  store.close();
  const second = await prepareLabelledBase(config, { labelled: 300 });
  assert.equal(second.validation.sources!.llm, 10);
  assert.equal(second.validation.sources!.teacher, second.validation.offers - 10);
  assert.equal(second.validation.against, "labels");
  assert.match(
    second.validation.message,
    /^Error rates measured on the 10 offers .* with independent labels \(10 LLM\); the other \d+ have only the rule teacher's/,
  );
  const counted = Object.values(second.validation.errors).map((e) => e.tp + e.fn);
  assert.ok(
    counted.every((n) => n <= 10) && counted.some((n) => n > 0),
    "errors counted on the 10 LLM-labelled offers only",
  );
});

Deno.test("bestLabels: LLM before human (adjudicated first) before reference before the teacher", async () => {
  const dir = await tempDir();
  const store = LabelStore.open(`${dir}/labels.sqlite`);
  const offer = (id: string) => ({
    ...emptyOffer(id, "generic" as const),
    title: "T",
    text: "Vous êtes rigoureux. Télétravail possible.",
  });
  const offers = ["a", "b", "c", "d", "e"].map(offer);
  store.upsertOffers(offers);
  const record = (id: string, wlb: number) => ({
    ...labelWithRules(offer(id)).record,
    themes: { ...labelWithRules(offer(id)).record.themes, WORK_LIFE_BALANCE: wlb },
  });
  const save = (name: string, kind: "llm" | "human" | "reference", id: string, wlb: number) =>
    store.saveRecord(store.labelSet({ name, kind, labeller: name, version: "v" }), record(id, wlb), {
      actor: name,
    });
  save("llm:x", "llm", "a", 11);
  save("human:alice", "human", "a", 12);
  save("human:alice", "human", "b", 21);
  save("adjudicated", "human", "b", 22);
  save("reference", "reference", "b", 23);
  save("reference", "reference", "c", 31);
  const got = bestLabels(offers, store);
  assert.deepEqual(got.sources, ["llm", "human", "reference", "teacher", "teacher"]);
  assert.deepEqual(got.records.slice(0, 3).map((r) => r.themes.WORK_LIFE_BALANCE), [11, 22, 31]);
  assert.deepEqual(got.counts, { llm: 1, human: 1, reference: 1, teacher: 2 });
  assert.equal(describeSources(got.counts), "1 LLM, 1 human, 1 reference, 2 rule teacher");
  assert.deepEqual(bestLabels(offers, null).counts, { llm: 0, human: 0, reference: 0, teacher: 5 });
  store.close();
});

Deno.test("stratifiedHoldout keeps each stratum's share, is seeded, and keeps order", () => {
  const items = Array.from({ length: 400 }, (_, i) => ({ i, s: i % 4 === 0 ? "rare" : "common" }));
  const { holdout, rest } = stratifiedHoldout(items, (x) => x.s, 0.25, 7);
  assert.equal(holdout.filter((x) => x.s === "rare").length, 25);
  assert.equal(holdout.filter((x) => x.s === "common").length, 75);
  assert.equal(holdout.length + rest.length, 400);
  assert.deepEqual(holdout.map((x) => x.i), [...holdout.map((x) => x.i)].sort((a, b) => a - b));
  assert.deepEqual(stratifiedHoldout(items, (x) => x.s, 0.25, 7).holdout, holdout);
  assert.notDeepEqual(stratifiedHoldout(items, (x) => x.s, 0.25, 8).holdout, holdout);
  assert.throws(() => stratifiedHoldout(items, (x) => x.s, 1, 7), /share must be in \(0, 1\)/);
});

Deno.test("breakCoverage, errorRates, validationMessage and the reading of a base without a break", () => {
  const months = (from: number, to: number, year = 2019) =>
    Array.from({ length: to - from + 1 }, (_, k) => `${year}-${String(from + k).padStart(2, "0")}`);
  const spread = [...months(1, 12, 2019), ...months(1, 12, 2020)].flatMap((m) =>
    Array.from({ length: 20 }, () => ({ month: m }))
  );
  const ok = breakCoverage(spread);
  assert.equal(ok.testable, true);
  assert.deepEqual([ok.before, ok.after, ok.quartersBefore, ok.firstMonth, ok.lastMonth], [
    280,
    200,
    4,
    "2019-01",
    "2020-12",
  ]);
  assert.match(breakCoverage([{ month: null }]).reason, /^no offer has a date: 0 dated offers before/);
  assert.deepEqual(errorRates({ tp: 8, fp: 2, fn: 2 }), { precision: 0.8, recall: 0.8, factor: 1 });
  assert.deepEqual(errorRates({ tp: 0, fp: 3, fn: 0 }), { precision: 0, recall: null, factor: null });
  assert.match(validationMessage(50, null), /planted truth/);
  assert.equal(
    validationMessage(50, { llm: 50, human: 0, reference: 0, teacher: 0 }),
    "Error rates measured on the 50 offers of the stratified validation sample of 50 (year × sector) with independent labels (50 LLM).",
  );
  const coverage = breakCoverage([{ month: "2024-01" }, { month: "2024-03" }]);
  const reading = economicReading({
    label: "work-life balance",
    covid: null,
    coverage,
    overall: { n: 2, share: 0.5, corrected: 0.4 },
    sectors: [],
    regions: [],
    limits: "Limits: few offers.",
  });
  assert.equal(
    reading,
    "50.0 % of the 2 offers from 2024-01 to 2024-03 mention work-life balance (40.0 % once corrected for the classifier's precision and recall). " +
      `No before/after-Covid comparison: ${coverage.reason}. Limits: few offers.`,
  );
  assert.doesNotMatch(reading, /NaN/);
});
