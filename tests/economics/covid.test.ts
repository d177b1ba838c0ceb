import assert from "node:assert/strict";
import {
  beforeAfter,
  changesBy,
  correctedShare,
  correctSeries,
  covers,
  eventStudy,
  poisson,
} from "../../lib/economics/covid.ts";
import { mulberry32 } from "../../lib/base/random.ts";

/** Offers of two sectors with known shares before and after March 2020. */
function simulate(spec: { sector: string; before: [number, number]; after: [number, number] }[], seed = 1) {
  const random = mulberry32(seed);
  const offers: { month: string; sector: string; v: boolean }[] = [];
  for (const s of spec) {
    for (const [period, [n, p]] of [["2019-06", s.before], ["2021-06", s.after]] as const) {
      for (let i = 0; i < n; i++) offers.push({ month: period, sector: s.sector, v: random() < p });
    }
  }
  return offers;
}

Deno.test("Poisson draws have the right mean, small and large lambda", () => {
  const random = mulberry32(3);
  for (const lambda of [0.5, 4, 120]) {
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += poisson(lambda, random);
    assert.ok(Math.abs(sum / 20000 - lambda) < 0.03 * lambda + 0.02, `${lambda}: ${sum / 20000}`);
  }
  assert.equal(poisson(0, random), 0);
});

Deno.test("before/after: the interval covers the true difference and is seeded", () => {
  const offers = simulate([{ sector: "J", before: [20000, 0.2], after: [20000, 0.35] }]);
  const r = beforeAfter(offers, { value: (o) => o.v, resamples: 400, seed: 7 });
  assert.ok(r.raw.interval[0] < 0.15 && 0.15 < r.raw.interval[1], JSON.stringify(r.raw));
  assert.ok(r.raw.interval[1] - r.raw.interval[0] < 0.03);
  assert.deepEqual(beforeAfter(offers, { value: (o) => o.v, resamples: 400, seed: 7 }), r);
  assert.equal(r.n.before, 20000);
  assert.equal(r.corrected, null);
});

Deno.test("composition adjustment: a change in who posts is not read as a change in what offers say", () => {
  // Within each sector the share does not move; the mix shifts towards the high-share sector.
  const offers = simulate([
    { sector: "J", before: [4000, 0.5], after: [16000, 0.5] },
    { sector: "F", before: [16000, 0.1], after: [4000, 0.1] },
  ]);
  const r = beforeAfter(offers, { value: (o) => o.v, cell: (o) => o.sector, resamples: 400 });
  assert.ok(r.raw.value > 0.2, `raw ${r.raw.value}`);
  assert.ok(r.adjusted.interval[0] < 0 && 0 < r.adjusted.interval[1], JSON.stringify(r.adjusted));
});

Deno.test("correction for error rates: observed × precision / recall, with the validation's uncertainty in the interval", () => {
  assert.ok(Math.abs(correctedShare(0.2, { tp: 60, fp: 0, fn: 40 }) - 1 / 3) < 1e-12);
  assert.equal(correctedShare(0.9, { tp: 10, fp: 0, fn: 90 }), 1);
  const offers = simulate([{ sector: "J", before: [20000, 0.2], after: [20000, 0.35] }]);
  const errors = { tp: 300, fp: 30, fn: 120 };
  const r = beforeAfter(offers, { value: (o) => o.v, errors, resamples: 400 });
  const factor = (300 / 330) / (300 / 420);
  assert.deepEqual(r.corrected!.factors, { before: factor, after: factor });
  assert.equal(r.corrected!.perPeriod, false);
  assert.ok(Math.abs(r.corrected!.raw.value - r.raw.value * factor) < 1e-12);
  const width = (e: { interval: [number, number] }) => e.interval[1] - e.interval[0];
  assert.ok(
    width(r.corrected!.raw) > width(r.raw) * factor,
    "the correction's own uncertainty widens the interval",
  );
});

Deno.test("correction per period: a classifier whose recall fell at the break is not read as a fall in the share", () => {
  // truly 30 % both sides; the classifier finds 90 % of them before, 60 % after (precision 1)
  const offers = simulate([{ sector: "J", before: [20000, 0.27], after: [20000, 0.18] }]);
  const perPeriod = { before: { tp: 270, fp: 0, fn: 30 }, after: { tp: 180, fp: 0, fn: 120 } };
  const pooled = { tp: 450, fp: 0, fn: 150 };
  const split = beforeAfter(offers, { value: (o) => o.v, errors: perPeriod, resamples: 400, seed: 3 });
  const one = beforeAfter(offers, { value: (o) => o.v, errors: pooled, resamples: 400, seed: 3 });
  assert.equal(split.corrected!.perPeriod, true);
  assert.ok(
    Math.abs(split.corrected!.factors.before - 1 / 0.9) < 1e-12 &&
      Math.abs(split.corrected!.factors.after - 1 / 0.6) < 1e-12,
  );
  assert.ok(
    split.corrected!.raw.interval[0] < 0 && 0 < split.corrected!.raw.interval[1],
    `per period: ${JSON.stringify(split.corrected!.raw)}`,
  );
  assert.ok(
    Math.abs(split.corrected!.after.value - 0.3) < 0.02 &&
      Math.abs(split.corrected!.before.value - 0.3) < 0.02,
  );
  assert.ok(
    one.corrected!.raw.interval[1] < -0.05,
    `pooled reads the classifier's drift as a fall: ${JSON.stringify(one.corrected!.raw)}`,
  );
  const months = ["2019-10", "2019-11", "2020-04"];
  const dated = months.flatMap((month, k) =>
    Array.from({ length: 4000 }, (_, i) => ({ month, v: i < (k < 2 ? 1080 : 720) }))
  );
  const e = eventStudy(dated, { value: (o) => o.v, errors: perPeriod, resamples: 200, seed: 3 });
  assert.ok(
    Math.abs(e.quarters.at(-1)!.effect) < 0.01,
    `event study corrects each quarter by its period: ${e.quarters.at(-1)!.effect}`,
  );
});

Deno.test("correctSeries scales each month by its period's factor; covers reads an interval", () => {
  const split = { before: { tp: 9, fp: 1, fn: 1 }, after: { tp: 6, fp: 0, fn: 4 } };
  const out = correctSeries(["2020-01", "2020-02", "2020-03", "2020-04"], [0.2, null, 0.3, 0.4], split);
  assert.deepEqual(out.map((x) => (x === null ? null : Number(x.toFixed(6)))), [0.2, null, 0.5, 0.666667]); // before P = R = 0.9; after P = 1, R = 0.6
  assert.deepEqual(
    correctSeries(["2020-01"], [0.5], { tp: 0, fp: 3, fn: 2 }),
    [null],
    "no true positive: no correction to apply",
  );
  assert.equal(covers({ value: 0.1, interval: [0.05, 0.15] }, 0.15), true);
  assert.equal(covers({ value: 0.1, interval: [0.05, 0.15] }, 0.16), false);
});

Deno.test("event study: effects relative to the last quarter before the break, zero there", () => {
  const offers = ["2019-07", "2019-10", "2019-11", "2020-04", "2020-05"].flatMap((month, k) =>
    Array.from({ length: 1000 }, (_, i) => ({ month, v: i < (k < 3 ? 200 : 400) }))
  );
  const e = eventStudy(offers, { value: (o) => o.v, resamples: 200 });
  assert.equal(e.reference, "2019Q4");
  assert.deepEqual(e.quarters.map((q) => q.quarter), ["2019Q3", "2019Q4", "2020Q2"]);
  assert.equal(e.quarters[1].effect, 0);
  assert.ok(Math.abs(e.quarters[2].effect - 0.2) < 1e-12);
  assert.ok(e.quarters[2].interval[0] > 0.15 && e.quarters[2].interval[1] < 0.25);
  assert.throws(
    () => eventStudy([{ month: "2021-01", v: true }], { value: (o) => o.v }),
    /no quarter before 2020Q1/,
  );
});

Deno.test("changesBy: the before/after difference within each group large enough on both sides, with intervals", () => {
  const offers = [
    ...simulate([{ sector: "J", before: [3000, 0.2], after: [3000, 0.4] }]),
    ...simulate([{ sector: "F", before: [2000, 0.2], after: [2000, 0.2] }]),
    ...simulate([{ sector: "Q", before: [50, 0.2], after: [3000, 0.2] }]),
  ];
  const rows = changesBy(offers, (o) => o.sector, {
    value: (o) => o.v,
    errors: { tp: 90, fp: 10, fn: 10 },
    resamples: 200,
    minOffers: 100,
  });
  assert.deepEqual(
    rows.map((r) => [r.group, r.before, r.after]),
    [["J", 3000, 3000], ["F", 2000, 2000]],
    "Q has too few offers before the break",
  );
  assert.ok(rows[0].raw.interval[0] > 0.15 && rows[0].raw.interval[1] < 0.25, JSON.stringify(rows[0].raw));
  assert.ok(rows[1].raw.interval[0] < 0 && 0 < rows[1].raw.interval[1]);
  assert.ok(
    rows[0].corrected && Math.abs(rows[0].corrected.value - rows[0].raw.value) < 1e-12,
    "P = R: the correction changes nothing but the width",
  );
});

/**
 * Offers of employers that each mention the theme in most or few of their
 * offers and post on one side of the break only: no change in the population
 * of employers, so the true change is 0, but who posted when moves the shares.
 */
function employerBase(seed: number, employers = 40, perEmployer = 50) {
  const random = mulberry32(seed);
  const offers: { month: string; employer: string | null; v: boolean }[] = [];
  for (let e = 0; e < employers; e++) {
    const p = random() < 0.5 ? 0.9 : 0.1; // the employer's own habit
    const year = random() < 0.5 ? 2019 : 2021;
    for (let i = 0; i < perEmployer; i++) {
      const month = `${year}-0${1 + Math.floor(random() * 9)}`;
      offers.push({ month, employer: `e${e}`, v: random() < p });
    }
  }
  return offers;
}

Deno.test("clustered bootstrap: offers of one employer drawn together give honest intervals where employers differ", () => {
  let coveredAlone = 0, coveredClustered = 0;
  const runs = 40;
  for (let seed = 1; seed <= runs; seed++) {
    const offers = employerBase(seed);
    const alone = beforeAfter(offers, { value: (o) => o.v, resamples: 200, seed });
    const clustered = beforeAfter(offers, {
      value: (o) => o.v,
      cluster: (o) => o.employer,
      resamples: 200,
      seed,
    });
    assert.equal(clustered.clusters, 40);
    assert.equal(clustered.raw.value, alone.raw.value, "clusters change the interval, not the estimate");
    if (covers(alone.raw, 0)) coveredAlone++;
    if (covers(clustered.raw, 0)) coveredClustered++;
    if (seed === 1) {
      assert.ok(
        clustered.raw.interval[1] - clustered.raw.interval[0] >
          1.3 * (alone.raw.interval[1] - alone.raw.interval[0]),
        "the clustered interval is wider",
      );
    }
  }
  assert.ok(
    coveredClustered >= 0.85 * runs,
    `clustered intervals hold the true change (0) in ${coveredClustered} of ${runs} runs`,
  );
  assert.ok(
    coveredAlone < coveredClustered,
    `offer-level intervals are too narrow: ${coveredAlone} vs ${coveredClustered}`,
  );
  // an offer without an employer is drawn alone
  const some = employerBase(3).map((o, i) => (i % 2 ? { ...o, employer: null } : o));
  assert.equal(
    beforeAfter(some, { value: (o) => o.v, cluster: (o) => o.employer, resamples: 50 }).clusters,
    40,
  );
});

Deno.test("clustered event study: the same point effects, wider intervals", () => {
  const offers = employerBase(5);
  const alone = eventStudy(offers, { value: (o) => o.v, resamples: 300, seed: 5 });
  const clustered = eventStudy(offers, {
    value: (o) => o.v,
    cluster: (o) => o.employer,
    resamples: 300,
    seed: 5,
  });
  assert.deepEqual(clustered.quarters.map((q) => q.effect), alone.quarters.map((q) => q.effect));
  const width = (e: typeof alone) =>
    e.quarters.filter((q) => q.quarter !== e.reference).reduce(
      (a, q) => a + q.interval[1] - q.interval[0],
      0,
    );
  assert.ok(width(clustered) > 1.2 * width(alone), `${width(clustered)} vs ${width(alone)}`);
});
