import assert from "node:assert/strict";
import {
  denseRepresentation,
  METADATA_TARGETS,
  metadataClasses,
  metadataComparison,
  sparseRepresentation,
  whyNotLearnable,
} from "../../lib/train/metadata_task.ts";
import { textOffers } from "../_helpers.ts";
import type { Offer } from "../../lib/corpus/schema.ts";

const withFields = (fields: Partial<Offer>[]): Offer[] =>
  textOffers(fields.map((_, i) => `offre ${i}`)).map((o, i) => ({ ...o, ...fields[i] }));

Deno.test("contract types and ROME domains are read from the offers' fields, rare classes pooled, offers without the field left out", () => {
  const offers = withFields([
    ...Array.from({ length: 25 }, () => ({ contract: "CDI", rome: "M1805" })),
    ...Array.from({ length: 21 }, () => ({ contract: "MIS", rome: "K2303" })),
    { contract: "Stage", rome: "A1101" },
    { contract: null, rome: null },
  ]);
  const contract = metadataClasses(offers, METADATA_TARGETS.contract);
  assert.deepEqual(contract.classes, ["CDI", "interim", "other"]);
  assert.equal(contract.kept.length, 47, "the offer with no contract is left out");
  assert.equal(contract.y[46], 2, "Stage, seen once, is pooled with the other rare classes");
  const domain = metadataClasses(offers, METADATA_TARGETS.domain);
  assert.deepEqual(domain.classes, ["K23", "M18", "other"]);
  assert.equal(METADATA_TARGETS.domain.classOf({ ...offers[0], rome: "not a code" }), null);
});

Deno.test("the comparison scores each representation on one held-out split, with paired differences to the first", async () => {
  const words = ["télétravail", "astreinte", "chantier"];
  const offers = withFields(
    Array.from({ length: 150 }, (_, i) => ({ rome: ["M1805", "K2303", "F1701"][i % 3] })),
  )
    .map((o, i) => ({
      ...o,
      text: `Poste ${i} avec ${words[i % 3]} selon planning de ${
        ["lundi", "mardi", "jeudi", "vendredi"][i % 4]
      }`,
    }));
  const classOf = new Map(offers.map((o) => [o, ["M18", "K23", "F17"].indexOf(o.rome!.slice(0, 3))]));
  const knowing = denseRepresentation(
    "knows the class",
    (o) => Float32Array.from([0, 1, 2], (c) => (classOf.get(o) === c ? 1 : 0)),
  );
  const blind = denseRepresentation("constant", () => Float32Array.of(1, 0));
  const result = await metadataComparison(offers, METADATA_TARGETS.domain, {
    representations: [sparseRepresentation, knowing, blind],
    seed: 3,
    resamples: 200,
  });
  assert.deepEqual(result.classes, ["F17", "K23", "M18"]);
  assert.equal(result.trainOffers + result.testOffers, 150);
  assert.equal(result.testOffers, 30, "one stratified fifth");
  const [sparse, known, constant] = result.rows;
  assert.equal(sparse.accuracy.value, 1, "the class word is in the text");
  assert.equal(known.accuracy.value, 1);
  assert.equal(sparse.vsSparse, undefined);
  assert.ok(
    constant.accuracy.value <= 0.4,
    `a constant vector predicts one class: ${constant.accuracy.value}`,
  );
  assert.ok(constant.vsSparse!.interval[1] < 0, JSON.stringify(constant.vsSparse));
  await assert.rejects(
    () =>
      metadataComparison(offers.slice(0, 1), METADATA_TARGETS.domain, {
        representations: [sparseRepresentation],
        seed: 1,
      }),
    /1 of 1 offers give a ROME domain \(letter and two digits\); the task needs 50/,
  );
});

Deno.test("a target the offers cannot teach says why: too few offers give the field, or all give the same", () => {
  const same = withFields(Array.from({ length: 60 }, () => ({ rome: "M1805", contract: null })));
  assert.equal(
    whyNotLearnable(same, METADATA_TARGETS.domain),
    "every offer giving a ROME domain (letter and two digits) is in one class (M18)",
  );
  assert.equal(
    whyNotLearnable(same, METADATA_TARGETS.contract),
    "0 of 60 offers give a contract type; the task needs 50",
  );
  const two = withFields(Array.from({ length: 60 }, (_, i) => ({ rome: i % 2 ? "M1805" : "K2303" })));
  assert.equal(whyNotLearnable(two, METADATA_TARGETS.domain), null);
});
