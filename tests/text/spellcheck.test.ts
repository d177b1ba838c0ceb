import assert from "node:assert/strict";
import { Spellchecker, spellcheckTexts } from "../../lib/text/spellcheck.ts";

const checker = await Spellchecker.create(["kubernetisation"]);

Deno.test("the spellchecker knows French, job jargon and the caller's words, not typos", () => {
  for (const w of ["équipe", "rigoureuse", "télétravail", "cdi", "haccp", "kubernetisation", "e-commerce"]) {
    assert.ok(checker.isKnown(w), w);
  }
  for (const w of ["équpie", "fidéilser", "experiance"]) assert.ok(!checker.isKnown(w), w);
  assert.deepEqual(checker.unknownWords("Vous êtes rigoureux. Fidéilser les clients SNCF.").unknown, [
    "fidéilser",
  ]);
});

Deno.test("spellcheckTexts summarises a seeded sample", () => {
  const texts = Array.from(
    { length: 30 },
    (_, i) => (i % 3 === 0 ? "Une équpie motivée" : "Une équipe motivée"),
  );
  const a = spellcheckTexts(checker, texts, { sample: 12, seed: 4 });
  assert.deepEqual(a, spellcheckTexts(checker, texts, { sample: 12, seed: 4 }));
  assert.equal(a.offersChecked, 12);
  assert.equal(a.tokens, 36);
  assert.equal(a.top[0].word, "équpie");
  assert.equal(a.top[0].suggestion, "équipe");
  assert.equal(a.unknownShare, a.unknown / 36);
});
