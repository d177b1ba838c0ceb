import assert from "node:assert/strict";
import {
  loess,
  monthlyShares,
  monthRange,
  quarterOf,
  rollingMean,
  sharesBy,
  smoothEachSide,
  themeGrid,
} from "../../lib/economics/series.ts";

Deno.test("month ranges cross years; quarters", () => {
  assert.deepEqual(monthRange("2019-11", "2020-02"), ["2019-11", "2019-12", "2020-01", "2020-02"]);
  assert.equal(quarterOf("2020-03"), "2020Q1");
  assert.equal(quarterOf("2020-10"), "2020Q4");
});

Deno.test("monthly shares keep a month without offers as a gap (null), never as 0", () => {
  const offers = [
    { month: "2018-07", v: true },
    { month: "2018-07", v: false },
    { month: "2018-10", v: false },
    { month: null, v: true },
  ];
  const s = monthlyShares(offers, (o) => o.v);
  assert.deepEqual(s.months, ["2018-07", "2018-08", "2018-09", "2018-10"]);
  assert.deepEqual(s.share, [0.5, null, null, 0]);
  assert.deepEqual(s.n, [2, 0, 0, 1]);
});

Deno.test("the rolling mean is centred, skips gaps and needs half a window of data", () => {
  assert.deepEqual(rollingMean([1, 2, 3, null, 5], 3), [1.5, 2, 2.5, null, null]);
  assert.deepEqual(rollingMean([1, null, null, null, 5], 5), [null, null, null, null, null]);
  assert.throws(() => rollingMean([1], 2), /odd positive integer/);
});

Deno.test("LOESS reproduces a straight line, smooths noise and leaves gaps", () => {
  const line = Array.from({ length: 30 }, (_, i) => 0.1 + 0.01 * i);
  loess(line, 0.3).forEach((v, i) => assert.ok(Math.abs(v! - line[i]) < 1e-9));
  const noisy = line.map((v, i) => (i === 12 ? null : v + (i % 2 ? 0.05 : -0.05)));
  const smooth = loess(noisy, 0.4);
  assert.equal(smooth[12], null);
  for (const i of [5, 15, 25]) {
    assert.ok(Math.abs(smooth[i]! - line[i]) < 0.02, `${i}: ${smooth[i]} vs ${line[i]}`);
  }
  assert.throws(() => loess(line, 0), /span must be in/);
});

Deno.test("shares by group: unknown keys grouped, small groups dropped, largest first", () => {
  const offers = [{ g: "J", v: true }, { g: "J", v: false }, { g: null, v: true }, { g: "K", v: true }, {
    g: "J",
    v: true,
  }];
  assert.deepEqual(sharesBy(offers, (o) => o.g, (o) => o.v), [
    { group: "J", n: 3, share: 2 / 3 },
    { group: "K", n: 1, share: 1 },
    { group: "unknown", n: 1, share: 1 },
  ]);
  assert.deepEqual(sharesBy(offers, (o) => o.g, (o) => o.v, 2).map((g) => g.group), ["J"]);
});

Deno.test("smoothing each side of a break keeps a jump a jump", () => {
  const months = ["2019-12", "2020-01", "2020-02", "2020-03", "2020-04", "2020-05"];
  const values = [0.1, 0.1, 0.1, 0.4, 0.4, 0.4];
  assert.deepEqual(
    smoothEachSide(months, values, "2020-03", (v) => rollingMean(v, 3)).map((x) => Number(x!.toFixed(6))),
    values,
    "no month is averaged across the break",
  );
  assert.ok(rollingMean(values, 3)[2]! > 0.1, "a plain rolling mean blurs the jump");
  assert.deepEqual(
    smoothEachSide(months, values, "2021-01", (v) => rollingMean(v, 3)),
    rollingMean(values, 3),
    "a break after the series: one side",
  );
  assert.deepEqual(
    smoothEachSide(months, [null, null, null, 0.4, 0.4, 0.4], "2020-03", (v) => loess(v, 1)).slice(0, 3),
    [null, null, null],
  );
  assert.throws(() => smoothEachSide(months, [1], "2020-03", (v) => v), /6 months for 1 values/);
});

Deno.test("themeGrid: shares of each theme by group, largest first, full names, small and unknown groups left out", () => {
  const o = (g: string | null, a: boolean) => ({ g, themes: { A: a, B: !a } });
  const offers = [
    o("J", true),
    o("J", false),
    o("J", true),
    o("C", true),
    o("C", true),
    o(null, true),
    o("X", false),
  ];
  const grid = themeGrid(offers, (x) => x.g, { J: "Information et communication, a long name kept whole" }, [
    "A",
    "B",
  ], 2);
  assert.deepEqual(grid.groups, ["J", "C"]);
  assert.deepEqual(grid.z, [[2 / 3, 1 / 3], [1, 0]]);
  assert.deepEqual(grid.labels, ["J Information et communication, a long name kept whole", "C"]);
});
