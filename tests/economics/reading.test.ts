import assert from "node:assert/strict";
import { beforeAfter } from "../../lib/economics/covid.ts";
import { economicReading } from "../../lib/economics/reading.ts";

const offers = [
  ...Array.from({ length: 2000 }, (_, i) => ({ month: "2019-05", s: i % 2 ? "J" : "F", v: i % 5 === 0 })),
  ...Array.from({ length: 2000 }, (_, i) => ({ month: "2021-05", s: i % 2 ? "J" : "F", v: i % 5 < 2 })),
];

Deno.test("the economic reading quotes the computed values and says whether the planted change is covered", () => {
  const covid = beforeAfter(offers, {
    value: (o) => o.v,
    cell: (o) => o.s,
    errors: { tp: 90, fp: 10, fn: 10 },
    resamples: 200,
  });
  const text = economicReading({
    label: "work-life balance",
    covid,
    planted: 0.2,
    sectorNames: { J: "Information et communication" },
    sectors: [{ group: "J", n: 2000, share: 0.31 }, { group: "F", n: 2000, share: 0.29 }, {
      group: "unknown",
      n: 5,
      share: 0.9,
    }],
    regions: [{ group: "Bretagne", n: 100, share: 0.4 }, { group: "Corse", n: 50, share: 0.1 }],
  });
  assert.match(
    text,
    /Before 2020-03, 20\.0 % of the 2,000 dated offers mention work-life balance \(20\.0 % once corrected/,
  );
  assert.match(
    text,
    /The change is \+20\.0 points \(95 % interval \+\d+\.\d points to \+\d+\.\d points\), clearly different from zero/,
  );
  assert.match(text, /explains little of it/);
  assert.match(text, /from 29\.0 % in F to 31\.0 % in Information et communication \(J\)/);
  assert.match(text, /Bretagne leads \(40\.0 %\) and Corse trails \(10\.0 %\)/);
  assert.match(text, /planted \+20\.0 points: the corrected interval contains it/);
  assert.doesNotMatch(text, /unknown/);
});
