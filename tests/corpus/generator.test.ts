import assert from "node:assert/strict";
import { canonicalText, COVID_MONTH, GAP_MONTHS, generateOffer } from "../../lib/corpus/generator.ts";
import { cleanText } from "../../lib/corpus/clean.ts";
import { loadOffers } from "../../lib/corpus/load.ts";
import { readTruth, writeGeneratedCorpus } from "../../lib/corpus/write.ts";
import { tempDir } from "../_helpers.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import { labelWithRules } from "../../lib/labelling/rules.ts";

Deno.test("offer i depends only on (seed, i): the same seed gives the same offer", () => {
  assert.deepEqual(generateOffer(42, 17), generateOffer(42, 17));
  assert.notDeepEqual(generateOffer(42, 17).row, generateOffer(43, 17).row);
});

Deno.test("truth spans point at their soft-skill text in the canonical (cleaned) text", () => {
  let spans = 0;
  for (let i = 0; i < 1500; i++) {
    const { row, truth } = generateOffer(7, i);
    const text = canonicalText(row);
    assert.equal(cleanText(text), text);
    for (const s of truth.soft_skills) {
      assert.equal(text.slice(s.start, s.end), s.text, `offer ${i}`);
      spans++;
    }
  }
  assert.ok(spans > 2000, `expected many planted spans, got ${spans}`);
});

Deno.test("planted structure: reposts, collection gap, and more work-life balance after March 2020", () => {
  const before = { wlb: 0, n: 0 };
  const after = { wlb: 0, n: 0 };
  let exact = 0;
  const months = new Set<string>();
  const texts = new Map<string, string>();
  const n = 6000;
  for (let i = 0; i < n; i++) {
    const { row, truth } = generateOffer(3, i);
    const month = row.date_firstSeenDay.slice(0, 7);
    months.add(month);
    texts.set(truth.id, canonicalText(row));
    const side = month >= COVID_MONTH ? after : before;
    side.n++;
    if (truth.themes.includes("WORK_LIFE_BALANCE")) side.wlb++;
    if (truth.duplicate_kind === "exact") {
      exact++;
      assert.equal(canonicalText(row), texts.get(truth.duplicate_of!));
    }
  }
  for (const gap of GAP_MONTHS) assert.ok(!months.has(gap), `gap month ${gap} has offers`);
  assert.ok(
    after.wlb / after.n > before.wlb / before.n + 0.15,
    `WLB ${before.wlb / before.n} -> ${after.wlb / after.n}`,
  );
  assert.ok(exact / n > 0.05 && exact / n < 0.09, `exact share ${exact / n}`);
});

Deno.test("writeGeneratedCorpus writes Parquet, CSV and JSONL that load back identically, with the truth beside", async () => {
  const dir = await tempDir();
  const ids: string[][] = [];
  const texts: string[][] = [];
  for (const ext of ["parquet", "csv", "jsonl"]) {
    const { out, truth } = await writeGeneratedCorpus({ n: 120, seed: 5, out: `${dir}/c.${ext}`, chunk: 50 });
    const { offers, report } = await loadOffers(out);
    assert.equal(report.source, "jocas");
    assert.equal(report.kept, 120);
    ids.push(offers.map((o) => o.id));
    texts.push(offers.map((o) => o.text));
    const t = await readTruth(truth);
    assert.equal(t.size, 120);
    for (const o of offers) {
      for (const s of t.get(o.id)!.soft_skills) assert.equal(o.text.slice(s.start, s.end), s.text);
    }
  }
  assert.deepEqual(ids[1], ids[0]);
  assert.deepEqual(ids[2], ids[0]);
  assert.deepEqual(texts[1], texts[0]);
  assert.deepEqual(texts[2], texts[0]);
});

Deno.test("a folder output is partitioned and resumes after an interruption with the same result", async () => {
  const dir = await tempDir();
  const first = await writeGeneratedCorpus({ n: 250, seed: 8, out: `${dir}/corpus`, chunk: 100 });
  assert.equal(first.resumed, 0);
  const whole = await loadOffers(`${dir}/corpus`);
  assert.equal(whole.report.kept, 250);
  await Deno.remove(`${dir}/corpus/part-00001.parquet`); // as if killed while writing the second partition
  const again = await writeGeneratedCorpus({ n: 250, seed: 8, out: `${dir}/corpus`, chunk: 100 });
  assert.equal(again.resumed, 2);
  assert.deepEqual((await loadOffers(`${dir}/corpus`)).offers, whole.offers);
  assert.equal((await readTruth(`${dir}/corpus`)).size, 250);
  await assert.rejects(
    () => writeGeneratedCorpus({ n: 250, seed: 9, out: `${dir}/corpus`, chunk: 100 }),
    /generated with other parameters/,
  );
});

Deno.test("the jocas length profile: real lengths, the same planted offers, and nothing the teacher reads as a theme or a soft skill", () => {
  const lengths: number[] = [];
  let same = 0;
  for (let i = 0; i < 3000; i++) {
    const compact = generateOffer(11, i), long = generateOffer(11, i, "jocas");
    const text = canonicalText(long.row);
    lengths.push(text.length);
    assert.deepEqual(long.truth.themes, compact.truth.themes);
    assert.deepEqual(
      long.truth.soft_skills.map((s) => [s.code_ogr, s.text]),
      compact.truth.soft_skills.map((s) => [s.code_ogr, s.text]),
    );
    for (const s of long.truth.soft_skills) {
      assert.equal(text.slice(s.start, s.end), s.text, `offer ${i}: spans follow the added text`);
    }
    if (i < 400) {
      const offer = (row: typeof long.row) =>
        rowToOffer(row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas");
      const [a, b] = [labelWithRules(offer(compact.row)).record, labelWithRules(offer(long.row)).record];
      const codes = (r: typeof a) =>
        [...new Set(r.soft_skills.filter((s) => s.confidence >= 50).map((s) => s.code_ogr))].sort();
      if (
        JSON.stringify(a.themes) === JSON.stringify(b.themes) &&
        JSON.stringify(codes(a)) === JSON.stringify(codes(b))
      ) same++;
    }
  }
  assert.equal(same, 400, "the teacher's themes and soft skills are unchanged by the neutral sentences");
  const sorted = [...lengths].sort((a, b) => a - b);
  const median = sorted[1500], p90 = sorted[2700];
  assert.ok(
    Math.abs(median - 871) < 50 && Math.abs(p90 - 1866) < 120,
    `median ${median}, p90 ${p90} (a JOCAS extract: 871, 1,866)`,
  );
  assert.deepEqual(generateOffer(11, 5, "jocas"), generateOffer(11, 5, "jocas"), "seeded");
});
