import assert from "node:assert/strict";
import { searchC } from "../../lib/train/experiments.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { Random } from "../../lib/base/random.ts";
import { textOffers, themeLabels } from "../_helpers.ts";

/** 200 noisy texts: a theme's keyword appears in 80 % of the offers that have it and 15 % of the others, among 8 noise words. */
const WORDS = ["diversite", "salaire", "evolution", "valeurs", "manager", "teletravail"];
const random = new Random(3);
const texts: string[] = [], Y: boolean[][] = [];
for (let i = 0; i < 200; i++) {
  const present = THEMES.map(() => random.next() < 0.4);
  const words = WORDS.filter((_, t) => present[t] ? random.next() < 0.8 : random.next() < 0.15);
  texts.push(
    [...words, ...Array.from({ length: 8 }, () => `mot${Math.floor(random.next() * 300)}`)].join(" "),
  );
  Y.push(present);
}
const data = { offers: textOffers(texts), labels: themeLabels(Y) };
const options = { k: 3, seed: 1, thresholdFolds: 0 };

Deno.test("searchC widens a grid whose best C is on its edge until the best is inside, and says so when it stays on the edge", async () => {
  const search = await searchC(data, [0.25, 1, 4, 16], options);
  assert.deepEqual(
    search.results.map((r) => r.C),
    [0.015625, 0.0625, 0.25, 1, 4, 16],
    "two values below the grid, by its own ratio",
  );
  assert.equal(search.best.C, 0.0625);
  assert.equal(search.widened, 2);
  assert.equal(search.edge, null, "the best is now inside the grid");
  const short = await searchC(data, [1, 4], { ...options, widen: 1 });
  assert.equal(short.best.C, 0.25);
  assert.match(
    short.edge!,
    /^C = 0\.25 is the smallest value tried, after widening the grid 1 time\(s\): the best C may lie beyond it$/,
  );
  assert.equal((await searchC(data, [1, 4], { ...options, widen: 0 })).results.length, 2);
  assert.deepEqual(await searchC(data, [0.25, 1, 4, 16], options), search, "seeded: the same search twice");
  await assert.rejects(() => searchC(data, [0, 1]), /C values must be positive/);
});
