import assert from "node:assert/strict";
import { emptyOffer, type Offer } from "../../lib/corpus/schema.ts";
import { CorpusProfiler, describeOffers } from "../../lib/stats/describe.ts";
import { monthRange, quantiles } from "../../lib/stats/numbers.ts";
import { profileCorpus, splitRows } from "../../lib/stats/profile_corpus.ts";
import { writeGeneratedCorpus } from "../../lib/corpus/write.ts";
import { loadOffers } from "../../lib/corpus/load.ts";
import { tempDir } from "../_helpers.ts";

function offer(id: string, text: string, date: string | null, region: string | null, profile = ""): Offer {
  return { ...emptyOffer(id, "generic"), text, date, region, sections: { company: "", job: text, profile } };
}

Deno.test("the profiler counts lengths, words, bigrams, missing values, months with gaps and duplicates", () => {
  const offers = [
    offer("1", "Le travail en équipe est essentiel.", "2020-01-15", "Bretagne", "Travail en équipe"),
    offer("2", "Le travail en équipe est essentiel.", "2020-03-02", null),
    offer("3", "Télétravail hebdomadaire accordé.", "2020-03-20", "Bretagne"),
  ];
  const s = describeOffers(offers);
  assert.equal(s.offers, 3);
  assert.equal(s.length.words.max, 6);
  assert.equal(s.length.words.min, 3);
  assert.deepEqual(s.topWords.slice(0, 3), [{ key: "essentiel", count: 2 }, { key: "travail", count: 2 }, {
    key: "équipe",
    count: 2,
  }]);
  assert.deepEqual(s.topBigrams, [{ key: "hebdomadaire accordé", count: 1 }, {
    key: "télétravail hebdomadaire",
    count: 1,
  }]);
  assert.deepEqual(s.byMonth, [{ month: "2020-01", offers: 1 }, { month: "2020-02", offers: 0 }, {
    month: "2020-03",
    offers: 2,
  }]);
  assert.deepEqual(s.gapMonths, ["2020-02"]);
  assert.deepEqual(s.byRegion, [{ key: "Bretagne", count: 2 }, { key: "(missing)", count: 1 }]);
  assert.equal(s.missing.find((m) => m.field === "region")?.missing, 1);
  assert.equal(s.missing.find((m) => m.field === "profile_section")?.share, 2 / 3);
  assert.equal(s.length.sections.profile.emptyShare, 2 / 3);
  assert.deepEqual(s.duplicates, { exact: 1, near: 0, exactShare: 1 / 3, nearShare: 0 });
  assert.deepEqual(s.dateRange, { min: "2020-01-15", max: "2020-03-20" });
});

Deno.test("profilers fed with parts of a corpus merge into the one-pass result", async () => {
  const dir = await tempDir();
  const { out } = await writeGeneratedCorpus({ n: 400, seed: 9, out: `${dir}/c.parquet` });
  const { offers } = await loadOffers(out);
  const whole = describeOffers(offers);
  const first = new CorpusProfiler();
  const second = new CorpusProfiler();
  offers.slice(0, 150).forEach((o) => first.add(o));
  offers.slice(150).forEach((o) => second.add(o));
  first.merge(second.state());
  assert.deepEqual(first.summary(), whole);
  const parallel = await profileCorpus(out, { workers: 2, minRowsForWorkers: 0 });
  assert.deepEqual(parallel.summary, whole);
  assert.equal(parallel.report.kept, 400);
});

Deno.test("row shares split contiguously and cover every row once", () => {
  const shares = splitRows([{ file: "a", rows: 5 }, { file: "b", rows: 4 }], 2);
  assert.deepEqual(shares, [[{ file: "a", start: 0, end: 5 }], [{ file: "b", start: 0, end: 4 }]]);
  const three = splitRows([{ file: "a", rows: 10 }], 3);
  assert.deepEqual(three.map((s) => s.map((t) => [t.start, t.end])), [[[0, 4]], [[4, 8]], [[8, 10]]]);
});

Deno.test("quantiles interpolate like numpy and month ranges cross years", () => {
  assert.deepEqual(quantiles([1, 2, 3, 4]), {
    count: 4,
    mean: 2.5,
    min: 1,
    p10: 1.3,
    p25: 1.75,
    median: 2.5,
    p75: 3.25,
    p90: 3.7,
    max: 4,
  });
  assert.equal(quantiles([]).count, 0);
  assert.deepEqual(monthRange("2020-11", "2021-02"), ["2020-11", "2020-12", "2021-01", "2021-02"]);
});
