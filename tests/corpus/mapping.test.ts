import assert from "node:assert/strict";
import {
  JOCAS_MAPPING,
  parseBoolean,
  parseDate,
  parseNumber,
  parseSalaryLabel,
  QuarantineError,
  rowToOffer,
} from "../../lib/corpus/mapping.ts";
import { nafSection } from "../../lib/corpus/schema.ts";

Deno.test("parseDate reads ISO, French and timestamp dates and rejects impossible ones", () => {
  assert.equal(parseDate("2024-07-11T15:47:02.000Z"), "2024-07-11");
  assert.equal(parseDate("11/07/2024"), "2024-07-11");
  assert.equal(parseDate(new Date(Date.UTC(2020, 2, 1))), "2020-03-01");
  assert.equal(parseDate(""), null);
  for (const bad of ["2024-13-01", "2023-02-30", "1850-01-01", "demain"]) {
    assert.throws(
      () => parseDate(bad),
      (e: unknown) => e instanceof QuarantineError && e.reason === "impossible date",
    );
  }
});

Deno.test("numbers, salaries and booleans are read the French way", () => {
  assert.equal(parseNumber("35 000,50"), 35000.5);
  assert.equal(parseNumber("n/a"), null);
  assert.deepEqual(parseSalaryLabel("Annuel de 35000,00 Euros à 40000,00 Euros"), { min: 35000, max: 40000 });
  assert.deepEqual(parseSalaryLabel("Mensuel de 2000.0 Euros sur 12 mois"), { min: 24000, max: 24000 });
  assert.deepEqual(parseSalaryLabel("Selon profil"), { min: null, max: null });
  assert.equal(parseBoolean("True"), true);
  assert.equal(parseBoolean("non"), false);
  assert.equal(parseBoolean("peut-être"), null);
  assert.equal(nafSection("47.11F"), "G");
  assert.equal(nafSection("J"), "J");
});

Deno.test("rowToOffer builds the canonical offer and quarantines rows without id or text", () => {
  const offer = rowToOffer(
    {
      ID_JOCAS: "7",
      job_title: "Vendeur H/F",
      description_entreprise: "<p>Nous</p>",
      description_job: "Vendre",
      description_profil: "Souriant",
      date_firstSeenDay: "2021-05-04",
      location_departement: "6",
      entrepriseSecteur_NAF21: "G",
      salary_min: "",
      teleworking_accepted: "False",
    },
    JOCAS_MAPPING,
    "jocas",
  );
  assert.equal(offer.text, "Nous\n\nVendre\n\nSouriant");
  assert.equal(offer.departement, "06");
  assert.equal(offer.region, "Provence-Alpes-Côte d'Azur");
  assert.equal(offer.sector, "Commerce ; réparation d'automobiles");
  assert.equal(offer.salaryMin, null);
  assert.equal(offer.teleworking, false);
  assert.throws(
    () => rowToOffer({ ID_JOCAS: "8", description_full: "  " }, JOCAS_MAPPING, "jocas"),
    /no description text/,
  );
  assert.throws(
    () => rowToOffer({ description_full: "texte" }, JOCAS_MAPPING, "jocas"),
    (e: unknown) => e instanceof QuarantineError && e.reason === "missing id",
  );
});

Deno.test("ROME family: the grand domaine letter of a code", async () => {
  const { romeDomain, ROME_DOMAINS } = await import("../../lib/corpus/schema.ts");
  assert.equal(romeDomain("M1805"), "M");
  assert.equal(romeDomain(" j1506"), "J");
  assert.equal(romeDomain("Z9999"), null);
  assert.equal(romeDomain(null), null);
  assert.equal(Object.keys(ROME_DOMAINS).length, 14);
});
