import assert from "node:assert/strict";
import { searchGrid, searchGridAsync } from "../../lib/stats/grid.ts";

const peakAt = (top: number) => (v: number) => ({ v, score: -Math.abs(Math.log2(v / top)) });
const doubling = (
  side: "largest" | "smallest",
  lo: number,
  hi: number,
) => (side === "largest" ? hi * 2 : lo / 2);

Deno.test("grid search: widens past the edge holding the best until the best is inside, in both directions", () => {
  const up = searchGrid([1, 2, 4], peakAt(16), (r) => r.score, doubling);
  assert.deepEqual(up.results.map((r) => r.v), [1, 2, 4, 8, 16]);
  assert.equal(up.bestValue, 16);
  assert.equal(up.widened, 2);
  assert.equal(
    up.edge,
    "largest",
    "two steps were not enough: the best is still on the edge, and it says so",
  );
  const inside = searchGrid([1, 2, 4], peakAt(16), (r) => r.score, doubling, 3);
  assert.equal(inside.bestValue, 16);
  assert.equal(inside.edge, null, "with a third step the peak is inside the grid");
  const down = searchGrid([1, 2, 4], peakAt(0.5), (r) => r.score, doubling);
  assert.deepEqual([down.bestValue, down.edge, down.results[0].v], [0.5, null, 0.25]);
  const middle = searchGrid([1, 2, 4], peakAt(2), (r) => r.score, doubling);
  assert.deepEqual([middle.widened, middle.edge, middle.best.v], [0, null, 2]);
});

Deno.test("grid search: ties go to the smaller value, a side that cannot grow stops, one value is no edge, none is an error", () => {
  const flat = searchGrid([3, 1, 2], (v) => ({ v }), () => 0, doubling);
  assert.deepEqual([flat.bestValue, flat.widened, flat.edge], [1, 0, null]);
  const capped = searchGrid(
    [2, 4],
    (v) => ({ v }),
    (r) => r.v,
    (side, _lo, hi) => (side === "largest" && hi < 6 ? hi + 2 : null),
  );
  assert.deepEqual([capped.bestValue, capped.widened, capped.edge], [6, 1, "largest"]);
  assert.equal(searchGrid([5], (v) => ({ v }), (r) => r.v, doubling).edge, null);
  assert.throws(() => searchGrid([], (v) => v, (r) => r, doubling), /at least one value/);
});

Deno.test("grid search, asynchronous: the same values scored in the same order, the same outcome", async () => {
  const order: number[] = [];
  const sync = searchGrid([1, 2, 4], peakAt(16), (r) => r.score, doubling);
  const asyncSearch = await searchGridAsync(
    [1, 2, 4],
    async (v) => {
      order.push(v);
      await new Promise((r) => setTimeout(r, 1));
      return peakAt(16)(v);
    },
    (r) => r.score,
    doubling,
  );
  assert.deepEqual(asyncSearch, sync);
  assert.deepEqual(order, [1, 2, 4, 8, 16]);
  await assert.rejects(
    () => searchGridAsync([], (v) => Promise.resolve(v), (r) => r, doubling),
    /at least one value/,
  );
});
