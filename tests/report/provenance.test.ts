import assert from "node:assert/strict";
import {
  provenanceOf,
  provenanceSection,
  provenanceText,
  runProvenance,
  stampProvenance,
} from "../../lib/report/provenance.ts";
import { distinctTexts } from "../../lib/corpus/dedup.ts";

Deno.test("provenance: findings on a real base vs method check on the generator, on the page and on the index", () => {
  const real = provenanceOf({
    generated: false,
    source: "jocas.csv",
    dates: ["2024-03-02", null, "2024-01-15"],
    repeated: 4,
  });
  assert.deepEqual(real, {
    kind: "findings",
    source: "jocas.csv",
    offers: 3,
    repeated: 4,
    first: "2024-01",
    last: "2024-03",
  });
  assert.equal(
    provenanceText(real),
    "Findings on jocas.csv: 3 offers, 2024-01 to 2024-03, 4 reposts of a text already seen set aside.",
  );
  const generated = runProvenance({
    generated: true,
    source: "generated default corpus (seed 42, 2 offers)",
    offers: [{ date: null }, { date: null }],
    repeated: 0,
  });
  assert.match(
    provenanceText(generated),
    /^Method check on the generated default corpus \(seed 42, 2 offers\): 2 offers, no dates\. Its answers were planted/,
  );
  const page = stampProvenance("<html><body><h1>Stage 1</h1><p>text</p></body></html>", {
    data: real,
    real_data: generated,
  });
  assert.match(
    page,
    /<h1>Stage 1<\/h1><div class="jobs-provenance"[^>]*><strong>Findings\.<\/strong> On jocas\.csv[\s\S]*<strong>Method check\.<\/strong>[\s\S]*<p>text/,
  );
  assert.equal(stampProvenance(page, { data: real }), page, "stamped once");
  assert.equal(stampProvenance("<h1>x</h1>", {}), "<h1>x</h1>");
  const index = provenanceSection({
    "01_descriptive_stats": { data: real, real_data: generated },
    "09_economic_analysis": { data: real },
    "02_x": {},
  });
  assert.match(
    index,
    /<li><strong>Findings<\/strong> \(stages 1, 9\): on jocas\.csv, offers from 2024-01 to 2024-03<\/li><li><strong>Method check<\/strong> \(stages 1\): on generated default corpus \(seed 42, 2 offers\): answers planted/,
  );
  assert.equal(provenanceSection({}), "");
});

Deno.test("distinctTexts keeps the first item of each text, in order", () => {
  const got = distinctTexts(["a", "b", "a", "c", "b"].map((t, i) => ({ t, i })), (x) => x.t.charCodeAt(0));
  assert.deepEqual(got, { items: [{ t: "a", i: 0 }, { t: "b", i: 1 }, { t: "c", i: 3 }], repeated: 2 });
});
