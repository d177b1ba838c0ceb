import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadOffers, planCorpus, scanOffers, SchemaError } from "../../lib/corpus/load.ts";
import { readJsonl, tempDir, writeFixture } from "../_helpers.ts";

const JOCAS_HEADER =
  "ID_JOCAS,date_firstSeenDay,site_name,job_title,description_full,description_job,description_profil," +
  "description_entreprise,job_ROME_code,contractType,location_departement,location_label,salary_min,salary_max," +
  "entrepriseSecteur_NAF21,entrepriseSecteur_NAF88,teleworking_accepted,teleworking_type,education_level,experience_min";

Deno.test("a JOCAS CSV extract loads as it comes; malformed rows go to the quarantine with line and reason", async () => {
  const dir = await tempDir();
  const csv = await writeFixture(
    dir,
    "jocas.csv",
    [
      JOCAS_HEADER,
      '1,2021-03-02,indeed,Vendeur H/F,"Vendre, conseiller.",,,,D1211,CDI,69,Lyon (69),,,G,47,,,,',
      '2,2021-13-40,indeed,Cuisinier,"Cuisiner.",,,,G1602,CDD,13,,,,,,,,,',
      "3,2021-03-04,indeed,Serveur,,,,,G1803,CDI,13,,,,,,,,,",
      "4,2021-03-05,only,three,fields",
      '5,2022-01-09,apec,"Data engineer","Construire des pipelines.\nEn équipe.",,,,M1811,CDI,75,Paris,42000,50000,J,62,True,partiel,Bac+5,3',
    ].join("\n") + "\n",
  );
  const quarantine = `${dir}/quarantine.jsonl`;
  const { offers, report } = await loadOffers(csv, { quarantine });
  assert.equal(report.format, "jocas csv");
  assert.deepEqual({ read: report.read, kept: report.kept, quarantined: report.quarantined }, {
    read: 5,
    kept: 2,
    quarantined: 3,
  });
  assert.deepEqual(report.quarantine_reasons, {
    "impossible date": 1,
    "missing text": 1,
    "unparseable record": 1,
  });
  assert.deepEqual(offers.map((o) => o.id), ["1", "5"]);
  assert.equal(offers[1].text, "Construire des pipelines.\nEn équipe.");
  assert.equal(offers[1].salaryMin, 42000);
  assert.equal(offers[1].teleworking, true);
  const entries = await readJsonl(quarantine);
  assert.deepEqual(entries.map((e) => [e.line, e.reason, e.field]), [
    [3, "impossible date", "date_firstSeenDay"],
    [4, "missing text", "description_full, description_entreprise, description_job, description_profil"],
    [5, "unparseable record", ""],
  ]);
  assert.match(String(entries[2].message), /expected 20 fields, found 5/);
});

Deno.test("the quarantine file is appended to, never truncated", async () => {
  const dir = await tempDir();
  const quarantine = await writeFixture(dir, "q.jsonl", '{"earlier":"entry"}\n');
  const csv = await writeFixture(dir, "g.csv", "id,text\n1,\n2,ok\n");
  await loadOffers(csv, { quarantine });
  const entries = await readJsonl(quarantine);
  assert.equal(entries.length, 2);
  assert.deepEqual(entries[0], { earlier: "entry" });
});

Deno.test("France Travail records load from a JSON array, a resultats page and JSONL with a bad line", async () => {
  const dir = await tempDir();
  const record = (id: string) => ({
    id,
    intitule: "Développeur (H/F)",
    description: "Coder.",
    dateCreation: "2024-11-02T10:00:00.000Z",
    lieuTravail: { libelle: "89 - AUXERRE", codePostal: "89000" },
    romeCode: "M1805",
    codeNAF: "62.01Z",
    secteurActiviteLibelle: "Programmation informatique",
    typeContrat: "CDI",
    salaire: { libelle: "Annuel de 40000,00 Euros" },
    entreprise: { nom: "ACME", description: "Éditeur." },
  });
  const array = await writeFixture(dir, "a.json", JSON.stringify([record("A1"), record("A2")]));
  const page = await writeFixture(dir, "p.json", JSON.stringify({ resultats: [record("P1")] }));
  const jsonl = await writeFixture(
    dir,
    "l.jsonl",
    [JSON.stringify(record("L1")), "{not json", JSON.stringify(record("L2"))].join("\n"),
  );
  for (
    const [path, ids] of [[array, ["A1", "A2"]], [page, ["P1"]], [jsonl, ["L1", "L2"]]] as [
      string,
      string[],
    ][]
  ) {
    const { offers, report } = await loadOffers(path);
    assert.equal(report.source, "france-travail");
    assert.deepEqual(offers.map((o) => o.id), ids);
    assert.equal(offers[0].text, "Éditeur.\n\nCoder.");
    assert.equal(offers[0].departement, "89");
    assert.equal(offers[0].sector, "Programmation informatique");
    assert.equal(offers[0].salaryMin, 40000);
    assert.equal(offers[0].company, "ACME");
  }
  const { report } = await loadOffers(jsonl);
  assert.deepEqual(report.quarantine_reasons, { "unparseable record": 1 });
});

Deno.test("a France Travail CSV export with flattened columns and | separator loads", async () => {
  const dir = await tempDir();
  const csv = await writeFixture(
    dir,
    "ft.csv",
    "id|intitule|description|dateCreation|lieuTravail.libelle|typeContrat\n" +
      "X1|Comptable|Tenir les comptes|2024-10-01|31 - TOULOUSE|CDD\n",
  );
  const { offers, report } = await loadOffers(csv);
  assert.equal(report.format, "france-travail csv");
  assert.equal(offers[0].region, "Occitanie");
  assert.equal(offers[0].contract, "CDD");
});

Deno.test("any CSV loads with a user mapping; a wrong schema names the missing and the found columns", async () => {
  const dir = await tempDir();
  const csv = await writeFixture(dir, "mine.csv", "ref;body;published\nr1;Texte de l'offre;2020-02-03\n");
  const { offers } = await loadOffers(csv, { mapping: { id: "ref", text: "body", date: "published" } });
  assert.deepEqual([offers[0].id, offers[0].text, offers[0].date], ["r1", "Texte de l'offre", "2020-02-03"]);
  await assert.rejects(() => planCorpus(csv), (e: unknown) => {
    assert.ok(e instanceof SchemaError);
    assert.match(
      e.message,
      /mine\.csv: cannot read it as generic csv: missing column\(s\) an id column \(mapping\.id\);/,
    );
    assert.match(e.message, /columns found: ref, body, published/);
    return true;
  });
  await assert.rejects(
    () => planCorpus(csv, { format: "jocas" }),
    /missing column\(s\) ID_JOCAS, one of description_full/,
  );
  await assert.rejects(
    () => planCorpus(csv, { mapping: { id: "ref", text: "nope" } }),
    /missing column\(s\) one of nope; columns found: ref, body, published/,
  );
  await assert.rejects(
    () => planCorpus(csv, { mapping: { id: "ref", date: "when" } }),
    /mapping.date names column "when", which is absent/,
  );
  await assert.rejects(() => planCorpus(`${dir}/absent.csv`), /cannot be read/);
});

Deno.test("Parquet loads lazily, by row range, and from a partitioned folder", async () => {
  const dir = await tempDir();
  await Deno.mkdir(`${dir}/parts`);
  const frame = (ids: string[]) =>
    pl.DataFrame({
      ID_JOCAS: ids,
      description_full: ids.map((i) => `Offre ${i}`),
      date_firstSeenDay: ids.map(() => "2019-06-01"),
    });
  frame(["a", "b", "c"]).writeParquet(`${dir}/parts/part-0.parquet`);
  frame(["d", "e"]).writeParquet(`${dir}/parts/part-1.parquet`);
  const all = await loadOffers(`${dir}/parts`);
  assert.deepEqual(all.offers.map((o) => o.id), ["a", "b", "c", "d", "e"]);
  assert.equal(all.report.format, "jocas parquet");
  const { offers } = scanOffers(`${dir}/parts/part-0.parquet`, { rows: { start: 1, end: 3 } });
  const ids = [];
  for await (const o of offers) ids.push(o.id);
  assert.deepEqual(ids, ["b", "c"]);
});

Deno.test("a sample is a seeded uniform subset in file order", async () => {
  const dir = await tempDir();
  const csv = await writeFixture(
    dir,
    "s.csv",
    "id,text\n" + Array.from({ length: 50 }, (_, i) => `${i},texte ${i}`).join("\n") + "\n",
  );
  const a = await loadOffers(csv, { sample: 10, seed: 1 });
  const b = await loadOffers(csv, { sample: 10, seed: 1 });
  const c = await loadOffers(csv, { sample: 10, seed: 2 });
  assert.equal(a.offers.length, 10);
  assert.deepEqual(a.offers.map((o) => o.id), b.offers.map((o) => o.id));
  assert.notDeepEqual(a.offers.map((o) => o.id), c.offers.map((o) => o.id));
  const numbers = a.offers.map((o) => Number(o.id));
  assert.deepEqual(numbers, [...numbers].sort((x, y) => x - y));
});
