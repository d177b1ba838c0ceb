/**
 * The loader's fault suite: files as they arrive from the field, broken in
 * the ways real exports break. Each either loads with its bad records in the
 * quarantine (with line and reason, nothing altered) or fails with a message
 * naming the file; none crashes or silently changes text.
 */
import assert from "node:assert/strict";
import { loadOffers, SchemaError } from "../../lib/corpus/load.ts";
import { guessEncoding } from "../../lib/base/decode.ts";
import { readJsonl, tempDir, writeFixture } from "../_helpers.ts";

const HEADER = "id,intitule,description,date";
const latin1 = (text: string) =>
  Uint8Array.from([...text].map((c) => c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x3f));

async function load(path: string, options: Parameters<typeof loadOffers>[1] = {}) {
  const quarantine = `${path}.quarantine.jsonl`;
  const { offers, report } = await loadOffers(path, { quarantine, ...options });
  const entries = await readJsonl(quarantine).catch(() => []);
  return { offers, report, entries };
}

Deno.test("bad files: a Latin-1 / Windows-1252 CSV is recognised and read with that encoding, reported", async () => {
  const dir = await tempDir();
  const path = `${dir}/latin1.csv`;
  await Deno.writeFile(
    path,
    latin1(
      `${HEADER}\n1,Développeur,Vous êtes rigoureux et autonome,2024-01-02\n2,Comptable,Télétravail possible,2024-01-03\n`,
    ),
  );
  const { offers, report, entries } = await load(path);
  assert.equal(report.encoding, "windows-1252");
  assert.deepEqual(offers.map((o) => o.title), ["Développeur", "Comptable"]);
  assert.ok(offers[0].text.includes("Vous êtes rigoureux"));
  assert.equal(entries.length, 0);
  const forced = await load(path, { encoding: "utf-8" });
  assert.equal(
    forced.offers.length,
    0,
    "read as UTF-8 on request, every record with invalid bytes is quarantined, not altered",
  );
  assert.equal(forced.entries.length, 2);
  assert.match(String(forced.entries[0].message), /bytes not valid utf-8/);
});

Deno.test("bad files: a UTF-8 file with one Latin-1 line quarantines that line only, with the reason; no U+FFFD reaches an offer", async () => {
  const dir = await tempDir();
  const path = `${dir}/mixed.csv`;
  const good = new TextEncoder().encode(`${HEADER}\n1,Développeur,Vous êtes curieux,2024-01-02\n`);
  const bad = latin1("2,Comptable,Vous êtes précis,2024-01-03\n");
  const tail = new TextEncoder().encode("3,Infirmière,Sens de l'écoute,2024-01-04\n");
  await Deno.writeFile(path, new Uint8Array([...good, ...bad, ...tail]));
  const { offers, report, entries } = await load(path);
  assert.equal(report.encoding, "utf-8");
  assert.deepEqual(offers.map((o) => o.id), ["1", "3"]);
  assert.ok(offers.every((o) => !o.text.includes("\uFFFD")));
  assert.deepEqual(entries.map((e) => e.line), [3]);
  assert.match(String(entries[0].message), /line 3: bytes not valid utf-8 \(first at byte 18 of the line\)/);
  assert.match(String(entries[0].raw), /^2,Comptable,Vous/);
});

Deno.test("bad files: a JSONL line with invalid UTF-8 is quarantined; a truncated last line too; the rest loads", async () => {
  const dir = await tempDir();
  const path = `${dir}/ft.jsonl`;
  const line = (id: string, text: string) =>
    JSON.stringify({ id, intitule: "Poste", description: text, dateCreation: "2024-02-01T00:00:00Z" }) + "\n";
  const enc = new TextEncoder();
  await Deno.writeFile(
    path,
    new Uint8Array([
      ...enc.encode(line("a", "Vous êtes autonome")),
      ...latin1(line("b", "Vous êtes précis")),
      ...enc.encode(line("c", "Esprit d'équipe")),
      ...enc.encode(line("d", "Sérieux").slice(0, 30)),
    ]),
  );
  const { offers, entries } = await load(path);
  assert.deepEqual(offers.map((o) => o.id), ["a", "c"]);
  assert.deepEqual(entries.map((e) => [e.line, String(e.message).slice(0, 22)]), [[
    2,
    "bytes not valid utf-8 ",
  ], [4, "unparseable JSON: Unte"]]);
});

Deno.test("bad files: an unbalanced quote quarantines the lines inside it, never a record made of them; the records after load", async () => {
  const dir = await tempDir();
  const path = await writeFixture(
    dir,
    "quotes.csv",
    `${HEADER}\n1,"Développeur,Vous êtes curieux,2024-01-02\n2,Comptable,Rigueur,2024-01-03\n3,"Infirmier, de nuit",Écoute,2024-01-04\n4,Cuisinier,"jamais fermé\n5,Chauffeur,Ponctuel,2024-01-05\n`,
  );
  const { offers, entries, report } = await load(path);
  assert.deepEqual(offers.map((o) => o.id), ["3", "5"]);
  assert.deepEqual(entries.map((e) => e.line), [2, 5]);
  assert.equal(entries[0].raw, '1,"Développeur,Vous êtes curieux,2024-01-02\n2,Comptable,Rigueur,2024-01-03');
  assert.match(String(entries[0].message), /lines 2-3, quarantined whole/);
  assert.deepEqual([report.read, report.kept, report.quarantined], [4, 2, 2]);
});

Deno.test("bad files: a correctly quoted 6 MB field is one quarantined record over the cap, not thousands of offers; --max-record-mb reads it", async () => {
  const dir = await tempDir();
  const inner = Array.from({ length: 150_000 }, (_, i) => `${i},Offre fantôme ${i},x,2024-01-01`).join("\n");
  const path = await writeFixture(
    dir,
    "big.csv",
    `${HEADER}\n1,Poste,texte,2024-01-02\n2,Poste,"${
      inner.replaceAll('"', '""')
    }",2024-01-03\n3,Poste,après,2024-01-04\n`,
  );
  const { offers, entries } = await load(path);
  assert.deepEqual(offers.map((o) => o.id), ["1", "3"]);
  assert.equal(entries.length, 1);
  assert.equal(entries[0].line, 3);
  assert.match(String(entries[0].message), /over the cap|longer than 4,000,000 characters/);
  const raised = await loadOffers(path, { maxRecordChars: 8_000_000 });
  assert.deepEqual(raised.offers.map((o) => o.id), ["1", "2", "3"]);
});

Deno.test("bad files: a 30 MB line (JSONL or unquoted CSV) is over the cap: quarantined with its line number; the lines after it load", async () => {
  const dir = await tempDir();
  const line = (id: string, text: string) =>
    JSON.stringify({ id, intitule: "Poste", description: text, dateCreation: "2024-02-01T00:00:00Z" });
  const huge = "é".repeat(15_000_000);
  const jsonl = await writeFixture(
    dir,
    "huge.jsonl",
    [line("a", "Vous êtes autonome"), line("b", huge), line("c", "Rigueur")].join("\n") + "\n",
  );
  const csv = await writeFixture(
    dir,
    "huge.csv",
    `${HEADER}\n1,Poste,court,2024-01-02\n2,Poste,${huge},2024-01-03\n3,Poste,après,2024-01-04\n`,
  );
  for (const path of [jsonl, csv]) {
    const { offers, entries } = await load(path);
    assert.equal(offers.length, 2, path);
    assert.deepEqual(entries.map((e) => e.line), [path.endsWith(".csv") ? 3 : 2], path);
    assert.match(
      String(entries[0].message),
      /15,0\d\d,\d\d\d characters is over the cap|longer than 4,000,000 characters/,
    );
    assert.ok(String(entries[0].raw).length <= 2000);
  }
});

Deno.test("bad files: a JSON object nested 100,000 levels deep is quarantined with its line and reason; the load goes on", async () => {
  const dir = await tempDir();
  const line = (id: string, text: string) =>
    JSON.stringify({ id, intitule: "Poste", description: text, dateCreation: "2024-02-01T00:00:00Z" });
  const deep = `{"id":"deep","description":"x","n":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}`;
  const path = await writeFixture(
    dir,
    "deep.jsonl",
    [line("a", "Autonome"), deep, line("c", "Rigueur")].join("\n") + "\n",
  );
  const { offers, entries } = await load(path);
  assert.deepEqual(offers.map((o) => o.id), ["a", "c"]);
  assert.equal(entries[0].line, 2);
  assert.match(String(entries[0].message), /nested deeper than 64 levels/);
  const doc = await writeFixture(dir, "deep.json", `[${line("a", "Autonome")},${deep}]`);
  const fromDoc = await load(doc);
  assert.deepEqual(fromDoc.offers.map((o) => o.id), ["a"]);
  assert.match(String(fromDoc.entries[0].message), /nested deeper than 64 levels/);
});

Deno.test("bad files: duplicated header names are refused, naming them", async () => {
  const dir = await tempDir();
  const path = await writeFixture(dir, "dup.csv", "id,text,text,date\n1,a,b,2024-01-01\n");
  await assert.rejects(
    () => loadOffers(path),
    (e: Error) =>
      e instanceof SchemaError &&
      /dup\.csv, line 1: column name\(s\) "text" appear more than once/.test(e.message),
  );
});

Deno.test("bad files: a BOM, CRLF endings and a tab-separated file named .csv load", async () => {
  const dir = await tempDir();
  const bom = await writeFixture(
    dir,
    "bom.csv",
    `\uFEFF${HEADER}\r\n1,Développeur,Vous êtes curieux,2024-01-02\r\n`,
  );
  assert.deepEqual((await load(bom)).offers.map((o) => [o.id, o.title]), [["1", "Développeur"]]);
  const tabs = await writeFixture(
    dir,
    "tabs.csv",
    `${HEADER.replaceAll(",", "\t")}\n1\tDéveloppeur\tVous êtes curieux, rigoureux\t2024-01-02\n`,
  );
  assert.equal((await load(tabs)).offers[0].text.includes("curieux, rigoureux"), true);
});

Deno.test("bad files: empty, binary garbage and a text file named .parquet fail with a message naming the file", async () => {
  const dir = await tempDir();
  const empty = await writeFixture(dir, "empty.csv", "");
  await assert.rejects(
    () => loadOffers(empty),
    (e: Error) => e instanceof SchemaError && e.message.startsWith(empty) && /missing column/.test(e.message),
  );
  const garbage = `${dir}/garbage.csv`;
  const bytes = new Uint8Array(4096);
  let x = 7;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  await Deno.writeFile(garbage, bytes);
  await assert.rejects(
    () => loadOffers(garbage),
    (e: Error) => e instanceof SchemaError && e.message.startsWith(garbage),
  );
  const fake = await writeFixture(dir, "fake.parquet", "id,text\n1,hello\n");
  await assert.rejects(
    () => loadOffers(fake),
    (e: Error) =>
      e instanceof SchemaError && e.message.startsWith(fake) && /not a Parquet file/.test(e.message),
  );
});

Deno.test("guessEncoding: ASCII and UTF-8 are UTF-8, high bytes without one UTF-8 sequence are Windows-1252", () => {
  assert.equal(guessEncoding(new TextEncoder().encode("plain ascii")), "utf-8");
  assert.equal(guessEncoding(new TextEncoder().encode("Vous êtes")), "utf-8");
  assert.equal(guessEncoding(latin1("Vous êtes")), "windows-1252");
  assert.equal(
    guessEncoding(new TextEncoder().encode("é").slice(0, 1)),
    "utf-8",
    "a sequence cut by the sample's end is not evidence",
  );
});
