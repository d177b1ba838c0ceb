import assert from "node:assert/strict";
import { labelAll } from "../../lib/bulk/label_all.ts";
import { readLabelled } from "../../lib/bulk/labelled.ts";
import { employerKey } from "../../lib/bulk/label_partition.ts";
import { parseShard, planPartitions, shardOf } from "../../lib/bulk/partitions.ts";
import { loadModel } from "../../lib/train/model_files.ts";
import { loadOffers } from "../../lib/corpus/load.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { tempDir } from "../_helpers.ts";
import { predictFile } from "../../lib/bulk/predict_file.ts";
import { type PredictionLine, predictionLine } from "../../lib/bulk/prediction_line.ts";
import { bulkFixture } from "./_fixture.ts";
import { writeGeneratedCorpus } from "../../lib/corpus/write.ts";

const dir = await tempDir();
const { model, corpus } = await bulkFixture(dir, 3000);

/** The bytes of every data and quarantine file of an output folder, by name. */
async function outputBytes(out: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const e of Deno.readDir(out)) {
    if (/^part-.*\.(parquet|quarantine\.jsonl|json)$/.test(e.name)) {
      files.set(e.name, Array.from(await Deno.readFile(`${out}/${e.name}`)).join(","));
    }
  }
  return files;
}

Deno.test("partitions: Parquet files cut in slices, shards disjoint and covering, --shard parsed strictly", async () => {
  const all = await planPartitions(corpus, { rowsPerPartition: 400 });
  assert.equal(all.length, 9); // 3 files of 1000 rows -> 3 slices each
  assert.deepEqual(all[1], {
    id: "00000-0001",
    file: `${corpus}/part-00000.parquet`,
    rows: { start: 400, end: 800 },
  });
  const shards = [0, 1, 2, 3].map((index) => shardOf(all, { index, count: 4 }).map((p) => p.id));
  assert.deepEqual(shards.flat().sort(), all.map((p) => p.id));
  assert.equal(new Set(shards.flat()).size, all.length);
  assert.deepEqual(parseShard("2/5"), { index: 2, count: 5 });
  for (const bad of ["5/5", "1", "-1/3", "a/b", "1/0"]) {
    assert.throws(() => parseShard(bad), /--shard must be i\/n/);
  }
});

Deno.test("label-all labels every offer with the model's own probabilities, and shards together equal one run", async () => {
  const one = await labelAll({ model, input: corpus, out: `${dir}/one`, rowsPerPartition: 400, workers: 2 });
  assert.equal(one.read, 3000);
  assert.equal(one.partitions_written, 9);
  const base = await readLabelled(`${dir}/one`);
  assert.equal(base.length, 3000);
  const { offers } = await loadOffers(corpus);
  const { model: m } = await loadModel(model, "bulk");
  for (const k of [0, 1234, 2999]) {
    assert.equal(base[k].id, offers[k].id);
    const p = m.probabilitiesOf(offers[k]);
    THEMES.forEach((t, c) => {
      assert.ok(Math.abs(base[k].probabilities[t] - p[c]) < 1e-6);
      assert.equal(base[k].themes[t], p[c] >= m.thresholds[c]);
    });
    assert.equal(base[k].month, offers[k].date!.slice(0, 7));
    assert.equal(base[k].region, offers[k].region);
    assert.equal(base[k].contract, offers[k].contract);
    assert.equal(base[k].employer, employerKey(offers[k].company));
  }
  assert.ok(
    base.some((o) => o.employer !== null) && base.some((o) => o.employer === null),
    "the generator names the employer of some offers only",
  );
  for (const index of [0, 1, 2]) {
    await labelAll({
      model,
      input: corpus,
      out: `${dir}/sharded`,
      rowsPerPartition: 400,
      workers: 1,
      shard: { index, count: 3 },
    });
  }
  assert.deepEqual(await outputBytes(`${dir}/sharded`), await outputBytes(`${dir}/one`));
  const again = await labelAll({ model, input: corpus, out: `${dir}/one`, rowsPerPartition: 400 });
  assert.equal(again.partitions_already_done, 9);
  assert.equal(again.partitions_written, 0);
  assert.equal(again.read, 3000);
});

Deno.test("a truncated partition file is caught: the reader names it, a re-run redoes just that partition", async () => {
  const out = `${dir}/truncated`;
  await labelAll({ model, input: corpus, out, rowsPerPartition: 1000, workers: 1 });
  const intact = await outputBytes(out);
  const victim = `${out}/part-00001-0000.parquet`;
  const bytes = await Deno.readFile(victim);
  await Deno.writeFile(victim, bytes.slice(0, bytes.length >> 1));
  await assert.rejects(
    readLabelled(out),
    (e: Error) => e.message.startsWith(victim) && /marker recorded/.test(e.message),
  );
  const again = await labelAll({ model, input: corpus, out, rowsPerPartition: 1000, workers: 1 });
  assert.equal(again.partitions_written, 1);
  assert.equal(again.partitions_already_done, 2);
  assert.deepEqual(await outputBytes(out), intact);
  const flipped = new Uint8Array(bytes);
  flipped[100] ^= 0xff; // same size, other bytes
  await Deno.writeFile(victim, flipped);
  assert.equal(
    (await labelAll({ model, input: corpus, out, rowsPerPartition: 1000, workers: 1 })).partitions_written,
    1,
  );
  assert.deepEqual(await outputBytes(out), intact);
});

Deno.test("one flipped bit or an edited marker count is refused by the reader, naming the file; label-all redoes the partition and says why", async () => {
  const out = `${dir}/tampered`;
  await labelAll({ model, input: corpus, out, rowsPerPartition: 1000, workers: 1 });
  const intact = await outputBytes(out);
  const victim = `${out}/part-00002-0000.parquet`;
  const bytes = await Deno.readFile(victim);
  const flipped = new Uint8Array(bytes);
  flipped[bytes.length >> 1] ^= 0x01;
  await Deno.writeFile(victim, flipped);
  await assert.rejects(
    readLabelled(out),
    (e: Error) => e.message.startsWith(victim) && /SHA-256 its marker recorded/.test(e.message),
  );
  const again = await labelAll({ model, input: corpus, out, rowsPerPartition: 1000, workers: 1 });
  assert.deepEqual(Object.keys(again.partitions_redone), ["00002-0000"]);
  assert.deepEqual(await outputBytes(out), intact);
  const marker = `${out}/part-00000-0000.json`;
  const counts = JSON.parse(await Deno.readTextFile(marker));
  await Deno.writeTextFile(
    marker,
    JSON.stringify({ ...counts, read: counts.read + 5, kept: counts.kept + 5 }) + "\n",
  );
  await assert.rejects(
    readLabelled(out),
    /part-00000-0000\.parquet holds \d+ rows, its marker says \d+ offers were kept/,
  );
  await Deno.writeTextFile(marker, JSON.stringify({ ...counts, kept: counts.kept - 1 }) + "\n");
  await assert.rejects(readLabelled(out), /counts do not add up/);
  const redo = await labelAll({ model, input: corpus, out, rowsPerPartition: 1000, workers: 1 });
  assert.match(redo.partitions_redone["00000-0000"], /counts do not add up/);
  assert.deepEqual(await outputBytes(out), intact);
});

Deno.test("label-all refuses to resume over a changed input, naming the file; the same input touched goes on", async () => {
  const input = `${dir}/changing`;
  await Deno.mkdir(input);
  for await (const e of Deno.readDir(corpus)) {
    if (e.isFile) await Deno.copyFile(`${corpus}/${e.name}`, `${input}/${e.name}`);
  }
  const out = `${dir}/changing-out`;
  await labelAll({ model, input, out, rowsPerPartition: 1000, workers: 1 });
  await Deno.remove(`${out}/part-00001-0000.json`); // as if killed before this partition was done
  const files = (await Array.fromAsync(Deno.readDir(input))).map((e) => e.name).filter((n) =>
    n.endsWith(".parquet")
  ).sort();
  const replaced = `${input}/${files[1]}`;
  const original = await Deno.readFile(replaced);
  await Deno.utime(replaced, new Date(), new Date("2030-01-01T00:00:00Z")); // touched only
  const touched = await labelAll({ model, input, out, rowsPerPartition: 1000, workers: 1 });
  assert.equal(touched.partitions_written, 1);
  await Deno.remove(`${out}/part-00001-0000.json`);
  await writeGeneratedCorpus({ n: 1000, seed: 77, out: replaced });
  await assert.rejects(
    labelAll({ model, input, out, rowsPerPartition: 1000, workers: 1 }),
    (e: Error) => e.message.includes(`the input changed since this run started: ${replaced}`),
  );
  await Deno.writeFile(replaced, original);
  assert.equal(
    (await labelAll({ model, input, out, rowsPerPartition: 1000, workers: 1 })).partitions_written,
    1,
  );
});

Deno.test("a damaged bulk.json or Parquet partition fails with a message naming the file", async () => {
  const copy = `${dir}/broken-model`;
  await Deno.mkdir(copy);
  for (const name of ["bulk.json", "bulk-card.json", "bulk.weights.f32"]) {
    await Deno.copyFile(`${model}/${name}`, `${copy}/${name}`);
  }
  const text = await Deno.readTextFile(`${copy}/bulk.json`);
  await Deno.writeTextFile(`${copy}/bulk.json`, text.slice(0, text.length >> 1));
  await assert.rejects(
    loadModel(copy, "bulk"),
    (e: Error) => e.message.startsWith(`${copy}/bulk.json: not valid JSON`),
  );
});

Deno.test("an incomplete base is refused by the reader; another run's folder is refused by label-all", async () => {
  await labelAll({
    model,
    input: corpus,
    out: `${dir}/half`,
    rowsPerPartition: 400,
    workers: 1,
    shard: { index: 0, count: 2 },
  });
  await assert.rejects(readLabelled(`${dir}/half`), /4 of 9 partitions not labelled yet/);
  await assert.rejects(
    labelAll({ model, input: corpus, out: `${dir}/half`, rowsPerPartition: 500 }),
    /holds the output of another run/,
  );
});

Deno.test("a manifest half-written by a killed run on this host is cleaned up; another host's is left alone", async () => {
  const out = `${dir}/stale`;
  await Deno.mkdir(out);
  const host = Deno.hostname().replace(/[^\w.-]/g, "_");
  await Deno.writeTextFile(`${out}/_run.json.tmp-${host}-999999999`, '{"partial');
  await Deno.writeTextFile(`${out}/_run.json.tmp-other-machine-12`, '{"partial');
  await labelAll({ model, input: corpus, out, rowsPerPartition: 1000, workers: 1 });
  const names = (await Array.fromAsync(Deno.readDir(out))).map((e) => e.name).filter((n) =>
    n.startsWith("_run")
  );
  assert.deepEqual(names.sort(), ["_run.json", "_run.json.tmp-other-machine-12"]);
});

Deno.test("malformed records are quarantined with file, line and reason, counted, and the run goes on", async () => {
  const lines = [
    JSON.stringify({
      id: "a1",
      title: "Comptable",
      description: "Poste de comptable. Télétravail 2 jours par semaine.",
      dateCreation: "2021-04-02",
    }),
    "{not json",
    JSON.stringify({ id: "a2", title: "Vide", description: "" }),
    JSON.stringify({
      id: "a3",
      title: "Vendeur",
      description: "Vous êtes rigoureux et autonome. Prime annuelle.",
      dateCreation: "2019-01-10",
    }),
  ];
  await Deno.mkdir(`${dir}/jsonl`);
  await Deno.writeTextFile(`${dir}/jsonl/offers.jsonl`, lines.join("\n") + "\n");
  const summary = await labelAll({ model, input: `${dir}/jsonl`, out: `${dir}/jsonl-out`, workers: 1 });
  assert.equal(summary.read, 4);
  assert.equal(summary.kept, 2);
  assert.equal(summary.quarantined, 2);
  assert.deepEqual(Object.keys(summary.quarantine_reasons).sort(), ["missing text", "unparseable record"]);
  const quarantined = (await Deno.readTextFile(`${dir}/jsonl-out/part-00000-0000.quarantine.jsonl`)).trim()
    .split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(quarantined.map((q) => [q.file, q.line]), [[`${dir}/jsonl/offers.jsonl`, 2], [
    `${dir}/jsonl/offers.jsonl`,
    3,
  ]]);
  assert.deepEqual((await readLabelled(`${dir}/jsonl-out`)).map((o) => o.id), ["a1", "a3"]);
});

Deno.test("kill -9 at any moment, then a re-run: exactly the files of an uninterrupted run", async () => {
  const args = (
    out: string,
  ) => [
    "run",
    "-A",
    new URL("../../lib/cli/main.ts", import.meta.url).pathname,
    "label-all",
    "--model",
    model,
    corpus,
    "--out",
    out,
    "--partition-rows",
    "250",
    "--workers",
    "2",
  ];
  const run = (out: string) =>
    new Deno.Command(Deno.execPath(), { args: args(out), stdout: "null", stderr: "null" }).output();
  assert.equal((await run(`${dir}/straight`)).code, 0);
  const expected = await outputBytes(`${dir}/straight`);
  assert.equal([...expected.keys()].filter((n) => n.endsWith(".parquet")).length, 12);
  for (const [k, killAfterMarkers] of [0, 5].entries()) {
    const out = `${dir}/killed-${k}`;
    const child = new Deno.Command(Deno.execPath(), { args: args(out), stdout: "null", stderr: "null" })
      .spawn();
    for (;;) {
      const markers = await Array.fromAsync(Deno.readDir(out)).then(
        (es) => es.filter((e) => /^part-.*\.json$/.test(e.name)).length,
        () => 0,
      );
      if (
        markers >= killAfterMarkers &&
        (killAfterMarkers > 0 || await Deno.stat(out).then(() => true, () => false))
      ) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    assert.equal((await child.status).signal, "SIGKILL");
    assert.equal((await run(out)).code, 0);
    assert.deepEqual(await outputBytes(out), expected, `kill after ${killAfterMarkers} partitions`);
    const left = (await Array.fromAsync(Deno.readDir(out))).filter((e) => e.name.includes(".tmp-"));
    assert.deepEqual(left, []);
  }
});

Deno.test("employerKey folds case and spaces of a company name, and names no employer for an empty one", () => {
  assert.equal(employerKey("  Azurlogi  SAS "), "azurlogi sas");
  assert.equal(employerKey("AZURLOGI SAS"), employerKey("azurlogi sas"));
  assert.equal(employerKey("   "), null);
  assert.equal(employerKey(null), null);
});

Deno.test("predict with a folder holding only a bulk model: label-all's workers write JSON lines, joined in the input's order, with label-all's decisions", async () => {
  const out = `${dir}/predicted.jsonl`;
  const report = await predictFile({ model, offers: corpus, out, workers: 2 });
  assert.deepEqual([report.read, report.kept, report.quarantined], [3000, 3000, 0]);
  const lines = (await Deno.readTextFile(out)).trimEnd().split("\n").map((l) =>
    JSON.parse(l) as PredictionLine
  );
  const base = await readLabelled(`${dir}/one`);
  assert.deepEqual(lines.map((l) => l.id), base.map((b) => b.id), "every offer, in order");
  for (const k of [0, 17, 2999]) {
    THEMES.forEach((t) => {
      assert.equal(lines[k].themes[t].decision, base[k].themes[t]);
      assert.ok(Math.abs(lines[k].themes[t].probability - base[k].probabilities[t]) < 1e-6);
    });
    assert.deepEqual(lines[k].soft_skills.map((s) => s.code_ogr), base[k].soft_skills);
  }
  assert.equal(
    await Deno.stat(`${out}.parts`).then(() => true, () => false),
    false,
    "the parts are removed once joined",
  );
  const { model: m } = await loadModel(model, "bulk");
  const p = Float64Array.of(
    0.25,
    0.5,
    0.75,
    1e-7,
    0.999,
    0,
    ...m.outputs.slice(6).map((_, i) => (i % 2 ? 0.1 : 0.9)),
  );
  const skills = m.outputs.slice(6).flatMap((name, i) =>
    p[6 + i] >= m.thresholds[6 + i]
      ? [{ code_ogr: name.slice(6), start: null, end: null, text: "", score: p[6 + i] }]
      : []
  );
  const withSpan = { code_ogr: "300490", start: 3, end: 12, text: 'rigoureux "é"\n', score: 0.875 };
  const line = predictionLine(
    'id "quoted"',
    { probabilities: p, softSkills: [...skills, withSpan] },
    m.thresholds,
  );
  const expected: PredictionLine = {
    id: 'id "quoted"',
    themes: Object.fromEntries(
      THEMES.map((t, c) => [t, { probability: p[c], decision: p[c] >= m.thresholds[c] }]),
    ),
    soft_skills: [...skills, withSpan],
  };
  assert.equal(
    line,
    JSON.stringify(expected) + "\n",
    "the hand-written line is JSON.stringify's, byte for byte",
  );
});
