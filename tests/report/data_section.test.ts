import assert from "node:assert/strict";
import { dataSection, labelUse } from "../../lib/report/data_section.ts";
import { provenanceOf } from "../../lib/report/provenance.ts";

Deno.test("labelUse: the store's teacher counts as the rule teacher, empty origins left out, unknown ones refused", () => {
  assert.deepEqual(labelUse("error rates", { llm: 0, teacher: 500, human: 12 }, 400), {
    use: "error rates",
    sources: { rules: 500, human: 12 },
    sure: 400,
  });
  assert.deepEqual(labelUse("x", {}).sources, {});
  assert.throws(() => labelUse("x", { oracle: 3 } as never), /unknown label origin "oracle"/);
});

Deno.test("dataSection: one row per base read, with sizes, dates and stages, and the labels each stage used by origin", () => {
  const small = provenanceOf({
    generated: true,
    source: "generated default corpus",
    dates: ["2019-01-02", "2021-05-01"],
  });
  const big = provenanceOf({
    generated: true,
    source: "generated default corpus",
    dates: ["2018-01-02", "2022-12-01", null],
    repeated: 7,
  });
  const real = provenanceOf({
    generated: false,
    source: "France Travail sample",
    dates: ["2024-01-02", "2024-03-01"],
  });
  const html = dataSection({
    "01_descriptive_stats": { data: small, real_data: real },
    "05_labelling": {
      data: small,
      labels_used: [labelUse("labelling the stage-3 sample", { rules: 120, llm: 30 }, 95)],
    },
    "09_economic_analysis": {
      data: big,
      labels_used: [
        labelUse("training the bulk model", { teacher: 1500 }, 1320),
        labelUse("error rates", { truth: 500 }),
      ],
    },
    "02_x": {},
  });
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1])
  ).filter((r) => r.length);
  assert.deepEqual(rows.slice(0, 3), [
    ["generated default corpus", "method check", "2", "0", "2019-01 to 2021-05", "1, 5"],
    ["France Travail sample", "findings", "2", "0", "2024-01 to 2024-03", "1"],
    ["generated default corpus", "method check", "3", "7", "2018-01 to 2022-12", "9"],
  ]);
  assert.match(html, /<h3>Label provenance<\/h3>/);
  // stage, use, LLM, human, reference files, rule teacher, generator truth, sure
  assert.deepEqual(rows.slice(3), [
    ["5", "labelling the stage-3 sample", "30", "", "", "120", "", "95"],
    ["9", "training the bulk model", "", "", "", "1,500", "", "1,320"],
    ["9", "error rates", "", "", "", "", "500", ""],
  ]);
  assert.equal(dataSection({ "02_x": {} }), "");
  assert.doesNotMatch(
    dataSection({ "01_descriptive_stats": { data: small } }),
    /Label provenance/,
    "no label table without labels",
  );
});
