import assert from "node:assert/strict";
import { regionTiles } from "../../lib/economics/regions.ts";
import { REGIONS } from "../../lib/corpus/geo.ts";
import { tileMap } from "../../lib/report/figures.ts";

Deno.test("every région has its own tile; missing ones have no value and are not drawn", () => {
  const tiles = regionTiles([{ group: "Bretagne", n: 10, share: 0.3 }, {
    group: "unknown",
    n: 5,
    share: 0.1,
  }]);
  assert.deepEqual(tiles.map((t) => t.label).sort(), [...REGIONS].sort());
  assert.equal(new Set(tiles.map((t) => `${t.column},${t.row}`)).size, tiles.length);
  assert.deepEqual(tiles.find((t) => t.label === "Bretagne"), {
    label: "Bretagne",
    column: 0,
    row: 2,
    value: 0.3,
    n: 10,
  });
  const figure = tileMap({ tiles });
  const trace = figure.data[0] as { x: number[]; customdata: unknown[][]; text: string[] };
  assert.deepEqual(trace.x, [0]);
  assert.deepEqual(trace.customdata[0], ["Bretagne", "0.300", 10]);
  assert.equal(trace.text[0], "Bretagne<br><b>0.300</b>", "the tile shows its value, not only on hover");
});

Deno.test("scatter by group: one trace a group, sizes grow with weight, labels in the hover", async () => {
  const { scatterGroups } = await import("../../lib/report/figures.ts");
  const f = scatterGroups({
    points: [{ x: 0, y: 1, label: "rigueur", group: "SK02", size: 100 }, {
      x: 1,
      y: 0,
      label: "autonomie",
      group: "SK01",
      size: 1,
    }],
  });
  const traces = f.data as { name: string; text: string[]; marker: { size: number[] } }[];
  assert.deepEqual(traces.map((t) => t.name), ["SK01", "SK02"]);
  assert.deepEqual(traces[1].text, ["rigueur"]);
  assert.ok(traces[1].marker.size[0] > traces[0].marker.size[0]);
});
