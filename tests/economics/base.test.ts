import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import {
  breakErrors,
  compositionCell,
  employerCluster,
  heldOutRows,
  heldOutScores,
  plantedByQuarter,
  plantedDifference,
  prepareLabelledBase,
  prepareRunModel,
  truthMonthly,
} from "../../lib/economics/base.ts";
import { beforeAfter } from "../../lib/economics/covid.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { tempDir } from "../_helpers.ts";

Deno.test("on the generated corpus the labelled base recovers the planted Covid jump in work-life balance", async () => {
  const dir = await tempDir();
  const config = { ...loadConfig({}), dataDir: dir, seed: 42 };
  const run = await prepareLabelledBase(config, { size: 20000, labelled: 1200 });
  assert.equal(run.summary.read, 20000);
  assert.ok(
    run.repeated > 500 && run.repeated < 2500,
    `the generator's exact reposts are set aside (${run.repeated})`,
  );
  assert.equal(run.base.length, 20000 - run.repeated);
  assert.equal(new Set(run.base.map((o) => o.text_hash)).size, run.base.length, "each text once");
  assert.equal(run.validation.against, "truth");
  assert.match(run.validation.message, /against the generator's planted truth \(method check\)/);
  assert.equal(
    run.validation.offers,
    Math.floor(0.25 * (run.training.labelled + run.validation.offers)),
    "a quarter held out, stratum by stratum",
  );
  const theme = "WORK_LIFE_BALANCE";
  const r = beforeAfter(run.base, {
    value: (o) => o.themes[theme],
    errors: run.validation.errors[theme],
    resamples: 500,
    seed: 1,
  });
  const planted = plantedDifference(run.base, run.truth!, theme);
  assert.ok(planted.expected > 0.15, `planted jump ${planted.expected}`);
  const [lo, hi] = r.corrected!.raw.interval;
  assert.ok(
    lo <= planted.expected && planted.expected <= hi,
    `corrected interval [${lo}, ${hi}] must contain the planted ${planted.expected}`,
  );
  for (const t of THEMES) {
    const { before, after } = run.validation.errorsByPeriod[t], all = run.validation.errors[t];
    assert.ok(
      before.tp + after.tp <= all.tp && before.fn + after.fn <= all.fn && before.tp > 0 && after.tp > 0,
      `${t}: the periods split the pooled counts`,
    );
  }
  const employers = new Set(run.base.map(employerCluster).filter((e) => e !== null));
  assert.ok(
    employers.size > 500 && employers.size < run.base.length / 2,
    `the generator's employers post several offers each (${employers.size})`,
  );
  const cells = new Set(run.base.map(compositionCell));
  assert.ok([...cells].every((c) => c.split("|").length === 4), "sector × région × family × contract");
  assert.ok(
    new Set([...cells].map((c) => c.split("|")[3])).size >= 4,
    "the contract types of the generator make cells",
  );
  const split = breakErrors(run.validation, theme);
  assert.equal(split.perPeriod, true, split.why);
  const perPeriod =
    beforeAfter(run.base, { value: (o) => o.themes[theme], errors: split.errors, resamples: 500, seed: 1 })
      .corrected!.raw;
  assert.ok(
    perPeriod.interval[0] <= planted.expected && planted.expected <= perPeriod.interval[1],
    `per-period interval ${JSON.stringify(perPeriod)} must contain the planted ${planted.expected}`,
  );
  // A second preparation finds everything done: same base, nothing relabelled.
  const again = await prepareLabelledBase(config, { size: 20000, labelled: 1200 });
  assert.equal(again.summary.partitions_written, 0);
  const model = await prepareRunModel(config, { size: 20000, labelled: 1200 });
  assert.equal(model.trained, false, "the model folder is found, not trained again");
  assert.equal(model.dir, run.model);
  const held = (await heldOutScores(model))!;
  assert.equal(held.offers, run.validation.offers);
  const wlb = run.validation.errors[theme];
  assert.equal(
    held.themes.perClass[theme].value,
    2 * wlb.tp / (2 * wlb.tp + wlb.fp + wlb.fn),
    JSON.stringify([held.themes.perClass[theme], wlb]) +
      "the error counts stage 9 corrects with and the F1 stage 6 shows come from the same answers",
  );
  assert.ok(
    held.codes.micro.f1.value > 0.5,
    `soft-skill codes on held-out offers against the truth: ${held.codes.micro.f1.value}`,
  );
  const rows = heldOutRows(held);
  assert.deepEqual(rows.map((r) => r.task), ["themes (6)", "soft-skill codes (16)"]);
  assert.equal(
    rows[0]["F1 micro"],
    `${held.themes.micro.f1.value.toFixed(3)} [${held.themes.micro.f1.interval[0].toFixed(3)}, ${
      held.themes.micro.f1.interval[1].toFixed(3)
    }]`,
  );
  assert.deepEqual(again.base.slice(0, 50), run.base.slice(0, 50));
  for (const t of THEMES) assert.ok(run.validation.errors[t].tp > 0, t);
});

Deno.test("compositionCell: sector × région × ROME family × contract, '?' for what is missing", () => {
  assert.equal(
    compositionCell({ naf_section: "Q", region: "Bretagne", rome: "J1501", contract: " cdd " }),
    "Q|Bretagne|J|CDD",
  );
  assert.equal(compositionCell({ naf_section: null, region: null, rome: "1234", contract: "" }), "?|?|?|?");
  assert.equal(employerCluster({ employer: null }), null);
});

Deno.test("truth series: realised and planted monthly shares, planted effect by quarter", () => {
  const t = (month: string, p: number, has: boolean) => ({
    id: month + p,
    month,
    themes: { WORK_LIFE_BALANCE: has },
  });
  const base = [t("2019-11", 0.2, true), t("2019-11", 0.4, false), t("2020-05", 0.6, true)] as never[];
  const truth = new Map((base as { id: string; themes: { WORK_LIFE_BALANCE: boolean } }[]).map((o) => [o.id, {
    themes: o.themes.WORK_LIFE_BALANCE ? ["WORK_LIFE_BALANCE"] : [],
    theme_probability: { WORK_LIFE_BALANCE: Number(o.id.slice(7)) },
  }])) as never;
  const series = truthMonthly(base, truth, "WORK_LIFE_BALANCE");
  assert.deepEqual(series.realised.share, [0.5, null, null, null, null, null, 1]);
  assert.ok(Math.abs(series.expected.share[0]! - 0.3) < 1e-12);
  const q = plantedByQuarter(base, truth, "WORK_LIFE_BALANCE", "2019Q4");
  assert.equal(q.get("2019Q4"), 0);
  assert.ok(Math.abs(q.get("2020Q2")! - 0.3) < 1e-12);
});

Deno.test("breakErrors: per-period counts when each period has enough offers with the theme, else the pooled ones, and says which", () => {
  const e = (tp: number, fn: number) => ({ tp, fp: 2, fn });
  const validation = (before: ReturnType<typeof e>, after: ReturnType<typeof e>) =>
    ({
      errors: Object.fromEntries(THEMES.map((t) => [t, e(before.tp + after.tp, before.fn + after.fn)])),
      errorsByPeriod: Object.fromEntries(THEMES.map((t) => [t, { before, after }])),
    }) as never;
  const both = breakErrors(validation(e(30, 5), e(25, 10)), "CAREER");
  assert.deepEqual([both.perPeriod, both.errors], [true, { before: e(30, 5), after: e(25, 10) }]);
  assert.match(both.why, /per period \(35 and 35 validation offers with the theme\)/);
  const thin = breakErrors(validation(e(30, 5), e(6, 3)), "CAREER");
  assert.deepEqual([thin.perPeriod, thin.errors], [false, e(36, 8)]);
  assert.match(
    thin.why,
    /pooled precision and recall: 35 .* before 2020-03, 9 after \(fewer than 20 on a side\)/,
  );
});
