import assert from "node:assert/strict";
import {
  departementOfPostcode,
  DEPARTEMENTS,
  normaliseDepartement,
  normaliseRegion,
  parseLocation,
  regionOfDepartement,
  REGIONS,
} from "../../lib/corpus/geo.ts";

Deno.test("the geography covers 101 départements in 18 régions", () => {
  assert.equal(DEPARTEMENTS.length, 101);
  assert.equal(REGIONS.length, 18);
  assert.equal(regionOfDepartement("69"), "Auvergne-Rhône-Alpes");
  assert.equal(regionOfDepartement("2B"), "Corse");
});

Deno.test("département codes are normalised as sources write them", () => {
  assert.equal(normaliseDepartement(1), "01");
  assert.equal(normaliseDepartement("1.0"), "01");
  assert.equal(normaliseDepartement("2a"), "2A");
  assert.equal(normaliseDepartement("971"), "971");
  assert.equal(normaliseDepartement("20"), null);
  assert.equal(normaliseDepartement("99"), null);
  assert.equal(normaliseDepartement(""), null);
});

Deno.test("free-text locations and postcodes give département and région", () => {
  assert.deepEqual(parseLocation("89 - AUXERRE"), { departement: "89", region: "Bourgogne-Franche-Comté" });
  assert.deepEqual(parseLocation("75"), { departement: "75", region: "Île-de-France" });
  assert.deepEqual(parseLocation("Lyon (69)"), { departement: "69", region: "Auvergne-Rhône-Alpes" });
  assert.deepEqual(parseLocation("Ile-de-France"), { departement: null, region: "Île-de-France" });
  assert.deepEqual(parseLocation("France"), { departement: null, region: null });
  assert.equal(departementOfPostcode("20090"), "2A");
  assert.equal(departementOfPostcode("97400"), "974");
  assert.equal(normaliseRegion("provence alpes cote d'azur"), "Provence-Alpes-Côte d'Azur");
});
